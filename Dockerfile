# OneWork API. Build: docker build -t onework .
# Run beside the official Neo4j image with compose.yaml (docker compose up).
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/onework .

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/onework /onework
# The public API; metrics listen apart, on ONEWORK_METRICS_ADDR.
EXPOSE 8080 9090
ENV ONEWORK_ADDR=:8080 ONEWORK_METRICS_ADDR=:9090
USER nonroot
ENTRYPOINT ["/onework"]
CMD ["serve"]
