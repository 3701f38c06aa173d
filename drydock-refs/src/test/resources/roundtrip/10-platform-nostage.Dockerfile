FROM --platform=linux/arm64 eclipse-temurin:21.0.2_13-jre-jammy
COPY target/app.jar /app.jar
USER 1001
ENTRYPOINT ["java","-jar","/app.jar"]
