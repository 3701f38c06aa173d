FROM python:3.12.1-slim-bookworm
RUN <<EOF
set -e
FROM this-is-not-an-instruction
pip install --no-cache-dir flask==3.0.0
EOF
COPY <<-"CONF" /etc/app.conf
	FROM inside heredoc
	CONF
USER 10001
