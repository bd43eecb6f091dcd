-- wrk script: one address per request from pool $POOL, as a platform allocates. Every request has
-- a requestId of its own across threads ($RUN names the wrk run) and, when $OWNER is set, an owner
-- name as real platforms send through their agent.
local threads = 0
local pool = os.getenv("POOL")
local owner = os.getenv("OWNER")
local run = os.getenv("RUN")
local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  local id = string.format("%s-%d-%d", run, tid, counter)
  local body
  if owner and owner ~= "" then
    body = string.format('{"requestId":"%s","owner":"%s-vm-%d-%d"}', id, owner, tid, counter)
  else
    body = string.format('{"requestId":"%s"}', id)
  end
  return wrk.format("POST", "/api/v1/pools/" .. pool .. "/allocations", headers, body)
end
