# The portal as a container (used by docker-compose.yml). Build context: the repository root.
# The NL Design System CSS from the npm registry, pinned by the lock file (docs/adr/0035).
FROM node:20-bookworm-slim AS assets
WORKDIR /assets
COPY src/Herstelmeldpunt.Web/package.json src/Herstelmeldpunt.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props BannedSymbols.txt .editorconfig ./
COPY src/Herstelmeldpunt.Web/Herstelmeldpunt.Web.csproj src/Herstelmeldpunt.Web/
COPY src/Herstelmeldpunt.Workflow/Herstelmeldpunt.Workflow.csproj src/Herstelmeldpunt.Workflow/
RUN dotnet restore src/Herstelmeldpunt.Web/Herstelmeldpunt.Web.csproj -r linux-x64
COPY src/ src/
COPY workflows/ workflows/
# Installed above: the build finds node_modules up to date with the lock file and only copies the CSS into wwwroot.
COPY --from=assets /assets/node_modules src/Herstelmeldpunt.Web/node_modules
# ReadyToRun: precompiled code starts in about 1.1 s instead of 1.9 s at a million reports (docs/figures.md).
RUN dotnet publish src/Herstelmeldpunt.Web/Herstelmeldpunt.Web.csproj -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o /app --no-restore

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl tzdata && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    Database__DataDirectory=/data
# The app user owns its data directory (documents; on the embedded default also the SQLite file and key file).
RUN mkdir -p /data && chown "$APP_UID" /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD curl -fsS http://localhost:8080/health/ready || exit 1
ENTRYPOINT ["dotnet", "Herstelmeldpunt.Web.dll"]
