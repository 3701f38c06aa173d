FROM nginx:1.25.3-alpine3.19
# served
COPY site/ /usr/share/nginx/html/
USER nginx
