from ubuntu:22.04 as base
run apt-get update && apt-get install -y gcc make
copy --from=base /etc/os-release /tmp/
