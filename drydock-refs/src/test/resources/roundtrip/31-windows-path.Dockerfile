FROM mcr.microsoft.com/dotnet/aspnet:8.0.1-jammy-chiseled
WORKDIR /app
COPY --from=mcr.microsoft.com/dotnet/sdk:8.0.101 /usr/share/dotnet /dotnet
USER app
