#!/usr/bin/env node
// Writes SemVer 2.0 version pairs with node-semver's strict answer, one "A <op> B" per line.
// Usage: node scripts/oracles/semver-pairs.js SEMVER_MODULE_DIR FILE... > drydock-scan/src/test/resources/versions/crates-oracle-pairs.txt
// FILEs are Cargo.lock files (their `version = "..."` lines: real published crate versions) or osv-scalibr
// vector files ("A <op> B"). The pairs are every neighbour in SemVer order plus seeded random pairs, 12,000 in all.
// node-semver: `npm install --prefix DIR --ignore-scripts semver@7.8.6`, then pass DIR/node_modules/semver.
const fs = require('fs');
const semver = require(require('path').resolve(process.argv[2]));
const seen = new Set();
for (const file of process.argv.slice(3)) {
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    let m = line.match(/^version = "([^"]+)"$/);
    if (m) { seen.add(m[1]); continue; }
    m = line.trim().match(/^(\S+) [<=>] (\S+)$/);
    if (m && !line.startsWith('#')) { seen.add(m[1]); seen.add(m[2]); }
  }
}
const versions = [...seen].filter(v => /^[0-9]/.test(v) && semver.valid(v) !== null).sort();
const sorted = [...versions].sort((a, b) => semver.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));
const pairs = [];
for (let i = 1; i < sorted.length; i++) pairs.push([sorted[i - 1], sorted[i]]);
let seed = 20261203;
const rand = n => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n; };
while (pairs.length < 12000) pairs.push([versions[rand(versions.length)], versions[rand(versions.length)]]);
console.log(`# semver.compare(A, B) by node-semver ${require(require('path').resolve(process.argv[2], 'package.json')).version} (strict), node ${process.version}; ${versions.length} versions, ${pairs.length} pairs`);
for (const [a, b] of pairs) console.log(`${a} ${['<', '=', '>'][semver.compare(a, b) + 1]} ${b}`);
