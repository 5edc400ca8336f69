-- wrk: the no-JavaScript report form, POST /lapor, a new report on every request (a fresh
-- idempotency key each time, so nothing is answered from the repeat check).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")

local threads = {}
function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

local counter = 0
local prefix
local form = "classification=pengaduan"
  .. "&title=Jalan+berlubang+di+depan+sekolah+dasar"
  .. "&body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya+bagi+anak-anak"
  .. "+yang+berangkat+sekolah+pagi+hari.&region_code=3517&name=Budi+Santoso&phone=081234567890"

function init(args)
  prefix = string.format("bench-%d-%d-%d-", os.time(), math.random(1, 1000000000), thread_number)
end

function request()
  counter = counter + 1
  return wrk.format("POST", "/lapor",
    { ["Content-Type"] = "application/x-www-form-urlencoded" },
    form .. "&idempotency_key=" .. prefix .. counter)
end
