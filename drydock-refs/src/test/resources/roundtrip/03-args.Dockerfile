ARG BASE_IMAGE=node:20-bookworm-slim
ARG VERSION="1.2.3"
FROM ${BASE_IMAGE} AS deps
RUN npm ci

FROM $BASE_IMAGE
ARG VERSION
COPY --from=deps /node_modules /node_modules
USER node
