-- wrk: numbers each thread and gives it a prefix no other run shares, so every request of
-- a script can carry a key of its own (`prefix .. counter`).
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

counter = 0
function init(args)
  prefix = string.format("bench-%d-%d-%d-", os.time(), math.random(1, 1000000000), thread_number)
end
