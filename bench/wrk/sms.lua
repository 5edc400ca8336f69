-- wrk: SMS intake, POST /kanal/sms/generic as a gateway delivers a message: a new report
-- every request (a fresh gateway message id, and a fresh phone number each time, so the
-- per-number rate limit never answers instead).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/unique.lua")

local text = "JOMBANGKAB+jalan+di+desa+Sumberagung+rusak+parah+sejak+musim+hujan"

function request()
  counter = counter + 1
  local phone = string.format("0812%d%07d", thread_number, counter % 10000000)
  return wrk.format("POST", "/kanal/sms/generic",
    {
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Authorization"] = "Bearer " .. os.getenv("BENCH_SMS_TOKEN"),
    },
    "from=" .. phone .. "&id=" .. prefix .. counter .. "&text=" .. text)
end
