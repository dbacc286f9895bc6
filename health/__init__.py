"""Answers for load balancers and orchestrators: /healthz (the process answers) and /readyz
(the database, the cache, the migrations and the task worker are as this code needs them)."""
