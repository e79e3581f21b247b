# The Tocsin worker image (used by docker-compose.yml). Build: docker build -t tocsin:dev .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Locked dependencies first, so code changes do not reinstall them.
COPY requirements.lock ./
RUN pip install -r requirements.lock

# Then the project itself (schemas, enrich with its lexicons, streams, cli).
COPY . .
RUN pip install --no-deps . \
    && useradd --system --create-home --uid 10001 tocsin \
    && mkdir -p /app/data \
    && chown tocsin /app/data

USER tocsin

# Listen on every interface inside the container; faust tables live in /app/data.
ENV TOCSIN_WEB_HOST=0.0.0.0 \
    TOCSIN_WEB_PORT=6066 \
    TOCSIN_DATA_DIR=/app/data \
    TOCSIN_LOG_FORMAT=json

EXPOSE 6066

HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('TOCSIN_WEB_PORT', '6066') + '/health', timeout=3)"

CMD ["tocsin", "worker"]
