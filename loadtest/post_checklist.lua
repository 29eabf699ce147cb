-- Each request saves a different draft observation once: thread k takes first+k, first+k+T, ...
local first = tonumber(os.getenv("LOAD_FIRST"))
local last = tonumber(os.getenv("LOAD_LAST"))
local threads = tonumber(os.getenv("LOAD_THREADS"))
local body = os.getenv("LOAD_BODY")
local counter = 0
local number = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  number = first + id
end

request = function()
  local path = "/observaties/" .. number .. "/invullen/"
  number = number + threads
  if number > last + threads then
    number = last + threads  -- out of drafts: the server answers 404, counted as an error
  end
  return wrk.format("POST", path, {
    ["Cookie"] = os.getenv("LOAD_POST_COOKIE"),
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
