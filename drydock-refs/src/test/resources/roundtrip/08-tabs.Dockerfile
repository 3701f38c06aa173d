FROM	redis:7.2.4	
RUN	echo ok
	USER	redis
