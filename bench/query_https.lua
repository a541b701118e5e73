-- wrk script for bench/query_https.sh: POST /api/v1/queries for the subjects of a `cvault demo
-- load --subjects-out` file, round-robin from a per-thread offset, reason 01 (post-loan
-- management: every demo subject has a DEMO_BANK account, so no consent is needed).
-- Environment: CV_SUBJECTS (the file), CV_TOKEN (bank_querier's session token).
local subjects = {}
local next_index = 1
local thread_count = 0

function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 7919)
end

function init(args)
  for line in io.lines(os.getenv("CV_SUBJECTS")) do
    local id = line:match('"id_number":"([^"]*)"')
    local name = line:match('"name":"([^"]*)"')
    subjects[#subjects + 1] = '{"subject":{"id_type":"resident_id","id_number":"' .. id ..
        '","name":"' .. name .. '"},"reason":"01"}'
  end
  next_index = (offset or 0) % #subjects + 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. os.getenv("CV_TOKEN")
end

function request()
  local body = subjects[next_index]
  next_index = next_index % #subjects + 1
  return wrk.format(nil, "/api/v1/queries", nil, body)
end

local bad = 0
function response(status, headers, body)
  if status ~= 200 and status ~= 201 then
    bad = bad + 1
    if bad <= 3 then io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
  end
end

-- The tail in finer steps than wrk's --latency (50/75/90/99).
function done(summary, latency, requests)
  local line = "tail:"
  for _, p in ipairs({95, 98, 99, 99.5, 99.9}) do
    line = line .. string.format(" p%s %.2fms", p, latency:percentile(p) / 1000)
  end
  io.stdout:write(line .. string.format(" max %.2fms\n", latency.max / 1000))
end
