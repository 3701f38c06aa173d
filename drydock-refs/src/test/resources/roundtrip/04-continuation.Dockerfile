FROM \
  debian:bookworm-20240110-slim
RUN apt-get update \
  # a comment inside the continuation
  && apt-get install -y --no-install-recommends ca-certificates \
  && rm -rf /var/lib/apt/lists/*
USER 1000:1000
