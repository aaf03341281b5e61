FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY newswire ./newswire
COPY ingest ./ingest
COPY processors ./processors
COPY storage ./storage
RUN pip install --no-cache-dir . && useradd --create-home newswire
USER newswire
WORKDIR /home/newswire
ENV NEWSWIRE_DATA_DIR=/home/newswire/data
ENTRYPOINT ["newswire"]
CMD ["--help"]
