ARG REGISTRY=docker.io
ARG TAG=3.20
FROM ${REGISTRY}/library/alpine:${TAG}
FROM alpine:3.20 AS second
FROM second
