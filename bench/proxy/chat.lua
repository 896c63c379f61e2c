-- wrk request for bench/proxy/run.sh: the same small non-streaming chat completion on every request.
-- Only wrk.method/body/headers are set (no request() function), so wrk builds the request once and
-- spends no Lua time per request.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"model":"bench-model","messages":[{"role":"user","content":"Say hello in one short sentence."}],"max_tokens":8,"stream":false}'
