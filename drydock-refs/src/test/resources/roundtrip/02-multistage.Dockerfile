# syntax=docker/dockerfile:1
# Build stage
FROM --platform=$BUILDPLATFORM golang:1.22-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /out/app ./cmd/app

FROM gcr.io/distroless/static-debian12:nonroot AS final
COPY --from=build /out/app /app
COPY --from=busybox:1.36.1-musl /bin/busybox /bin/busybox
USER nonroot
ENTRYPOINT ["/app"]
