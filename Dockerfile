# parkbot on the embedded default: SQLite + embedded Chroma + bundled multilingual embeddings.
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc libgomp1 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md LICENSE ./
COPY bot ./bot
COPY handlers ./handlers
COPY ingest ./ingest
COPY evals ./evals
COPY knowledge ./knowledge
RUN pip install --no-cache-dir -e .
ENV PARKBOT_DATA_DIR=/data ANONYMIZED_TELEMETRY=False
VOLUME /data
EXPOSE 8000
# Build the index at image build time is deliberately skipped: the data volume is the install.
CMD ["parkbot", "serve", "--host", "0.0.0.0", "--port", "8000"]
