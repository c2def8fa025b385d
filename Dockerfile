# A Wharf host in a container, for docker-compose.dev.yml. Debian 12 like the machines the
# runtime facts were measured on (runc, conmon and busybox-static from Debian).
#   docker build -t wharf:dev .
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -B -ntp -q -DskipTests install

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless runc conmon busybox-static \
      iproute2 iptables tini attr ca-certificates \
 && rm -rf /var/lib/apt/lists/*
# bin/wharf expects the repository layout: bin/ next to launcher/target/.
COPY --from=build /src/bin/wharf /opt/wharf/bin/wharf
COPY --from=build /src/launcher/target/lib /opt/wharf/launcher/target/lib
COPY --from=build /src/launcher/target/classes/io/wharf/launcher/jvm.options \
     /opt/wharf/launcher/target/classes/io/wharf/launcher/jvm.options
COPY --from=build /src/launcher/target/wharf-launcher-*.jar /opt/wharf/launcher/target/
# Durable state must not live on the container's own overlayfs (overlay on overlay fails).
VOLUME /var/lib/wharf
ENTRYPOINT ["/usr/bin/tini", "--", "/opt/wharf/bin/wharf"]
# A lone host on loopback by default; a cluster member needs --bind <its address> (see
# docker-compose.dev.yml).
CMD ["daemon"]
