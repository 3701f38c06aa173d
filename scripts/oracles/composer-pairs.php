<?php
// Writes Packagist version pairs with Composer's answer, one "A <op> B" per line:
// version_compare(VersionParser::normalize(A), VersionParser::normalize(B)), as Composer\Semver\Comparator does.
// Usage: php scripts/oracles/composer-pairs.php VECTOR_FILE... > drydock-scan/src/test/resources/versions/composer-oracle-pairs.txt
// The versions are every version named in the given osv-scalibr vector files that Composer accepts and that is
// not a dev- branch (branches have no order); the pairs are every neighbour in that order plus seeded random
// pairs, 12,000 in all. Run with Debian 12's php-cli and composer (php-composer-semver): apt-get install -y php-cli composer
require '/usr/share/php/Composer/Semver/autoload.php';
$parser = new Composer\Semver\VersionParser();
$seen = [];
foreach (array_slice($argv, 1) as $file) {
  foreach (file($file, FILE_IGNORE_NEW_LINES) as $line) {
    if ($line === '' || $line[0] === '#') continue;
    if (preg_match('/^(\S+) [<=>] (\S+)$/', trim($line), $m)) { $seen[$m[1]] = true; $seen[$m[2]] = true; }
  }
}
$norm = [];
foreach (array_keys($seen) as $v) {
  $v = (string) $v;
  try { $n = $parser->normalize($v); } catch (UnexpectedValueException $e) { continue; }
  if (strpos($n, 'dev-') !== 0) $norm[$v] = $n;
}
$versions = array_keys($norm);
$versions = array_map('strval', $versions);
sort($versions, SORT_STRING);
$sorted = $versions;
usort($sorted, function ($a, $b) use ($norm) { return version_compare($norm[$a], $norm[$b]) ?: strcmp($a, $b); });
$pairs = [];
for ($i = 1; $i < count($sorted); $i++) $pairs[] = [$sorted[$i - 1], $sorted[$i]];
mt_srand(20261203);
while (count($pairs) < 12000) $pairs[] = [$versions[mt_rand(0, count($versions) - 1)], $versions[mt_rand(0, count($versions) - 1)]];
printf("# version_compare(normalize(A), normalize(B)) by PHP %s, composer/semver %s; %d versions, %d pairs\n",
  PHP_VERSION, trim(shell_exec("dpkg-query -W -f '\${Version}' php-composer-semver")), count($versions), count($pairs));
foreach ($pairs as [$a, $b]) echo $a, ' ', ['<', '=', '>'][version_compare($norm[$a], $norm[$b]) + 1], ' ', $b, "\n";
