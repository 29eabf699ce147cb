-- GET with the signed-in session of the load-test professional.
wrk.headers["Cookie"] = os.getenv("LOAD_COOKIE")
