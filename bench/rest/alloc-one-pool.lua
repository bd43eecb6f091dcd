-- wrk script: allocations from pool 1, each with a fresh requestId.
local counter = 0
math.randomseed(os.time())
request = function()
  counter = counter + 1
  local body = string.format('{"requestId":"%d-%d-%d"}', math.random(1, 1e9), counter, math.random(1, 1e9))
  return wrk.format("POST", "/api/v1/pools/1/allocations",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end
