FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DJANGO_DEBUG=off DJANGO_SECRET_KEY=build-only PII_ENCRYPTION_KEY=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa= PII_HASH_KEY=build-only python manage.py collectstatic --noinput
RUN useradd --create-home portal && mkdir -p /app/var /data/media && chown -R portal /app/var /data/media
USER portal
EXPOSE 8000
CMD ["gunicorn", "zhanjiang_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
