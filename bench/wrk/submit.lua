-- wrk: the no-JavaScript report form, POST /lapor, a new report on every request (a fresh
-- idempotency key each time, so nothing is answered from the repeat check).
dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
dofile(os.getenv("BENCH_WRK_DIR") .. "/unique.lua")

local form = "classification=pengaduan"
  .. "&title=Jalan+berlubang+di+depan+sekolah+dasar"
  .. "&body=Sejak+dua+minggu+jalan+di+depan+SDN+2+berlubang+besar+dan+berbahaya+bagi+anak-anak"
  .. "+yang+berangkat+sekolah+pagi+hari.&region_code=3517&name=Budi+Santoso&phone=081234567890"

function request()
  counter = counter + 1
  return wrk.format("POST", "/lapor",
    { ["Content-Type"] = "application/x-www-form-urlencoded" },
    form .. "&idempotency_key=" .. prefix .. counter)
end
