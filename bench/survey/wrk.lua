-- wrk script of the survey benchmark (bench/survey/driver.py runs it).
--
-- BENCH_MODE picks the request:
--   bare        GET /bench/bare/ (no cookie, no database)
--   theme       GET of the theme page "champions" of the thread's municipality
--   save_same   autosave of C4 with the value already stored: the save finds nothing to
--               change (a resent autosave), nothing is written
--   save_write  autosave of C4 alternating between two values: every save writes a new
--               revision and a history row
--   page        GET of BENCH_PATH without a cookie (bench/dashboard: a public page)
--   fragment    the same with HX-Request: true (what htmx asks when a filter changes)
-- BENCH_SESSIONS is a Lua file returning one table per logged-in person
-- ({code=, session=, csrf=, value=, other=, revision=, rest=}; rest: the other fields of
-- the theme page's form, which htmx posts with every autosave); wrk thread i is person i, so run
-- with as many threads as connections (-t50 -c50): each thread holds one connection, its
-- requests are sequential, and the revision it sends is the one its last answer showed.

local mode = os.getenv("BENCH_MODE") or "bare"
local sessions = dofile(os.getenv("BENCH_SESSIONS"))
local year = os.getenv("BENCH_YEAR") or "2025"

local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

local me, path, headers, revision, value, other

function init(args)
  n200, n422, n429, nother, nunsaved = 0, 0, 0, 0, 0
  me = sessions[((id - 1) % #sessions) + 1]
  revision, value, other = me.revision, me.value, me.other
  if mode == "save_write" then
    value, other = other, value
  end
  headers = {
    ["Cookie"] = "sessionid=" .. me.session .. "; csrftoken=" .. me.csrf,
  }
  if mode == "bare" then
    path = "/bench/bare/"
    headers = {}
  elseif mode == "page" or mode == "fragment" then
    path = os.getenv("BENCH_PATH")
    headers = {}
    if mode == "fragment" then
      headers["HX-Request"] = "true"
    end
  elseif mode == "theme" then
    path = "/vragenlijst/" .. year .. "/" .. me.code .. "/thema/champions/"
  else
    path = "/vragenlijst/" .. year .. "/" .. me.code .. "/vraag/C4/"
    headers["X-CSRFToken"] = me.csrf
    headers["HX-Request"] = "true"
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
end

function request()
  if mode == "bare" or mode == "theme" or mode == "page" or mode == "fragment" then
    return wrk.format("GET", path, headers)
  end
  local body = "C4=" .. value .. "&C4__revision=" .. revision .. me.rest
  return wrk.format("POST", path, headers, body)
end

local function count(status, body)
  if status == 200 then
    n200 = n200 + 1
    if mode:sub(1, 4) == "save" and not string.find(body, "Opgeslagen", 1, true) then
      nunsaved = nunsaved + 1
    end
  elseif status == 422 then
    n422 = n422 + 1
  elseif status == 429 then
    n429 = n429 + 1
  else
    nother = nother + 1
  end
end

if mode == "save_same" or mode == "save_write" then
  function response(status, resp_headers, body)
    count(status, body)
    local shown = string.match(body, 'name="C4__revision" value="(%d+)"')
    if shown then
      revision = shown
    end
    if status == 200 and mode == "save_write" then
      value, other = other, value
    end
  end
elseif mode == "theme" or mode == "page" or mode == "fragment" then
  function response(status, resp_headers, body)
    count(status, body)
  end
end

function done(summary, latency, requests)
  local c = { n200 = 0, n422 = 0, n429 = 0, nother = 0, nunsaved = 0 }
  for _, thread in ipairs(threads) do
    for key, _ in pairs(c) do
      c[key] = c[key] + (thread:get(key) or 0)
    end
  end
  io.write(string.format(
    '{"mode": "%s", "requests": %d, "duration_us": %d, "mean_us": %.1f, "p50_us": %d, '
      .. '"p90_us": %d, "p99_us": %d, "max_us": %d, "connect_errors": %d, '
      .. '"read_errors": %d, "write_errors": %d, "timeouts": %d, "non_2xx_3xx": %d, '
      .. '"n200": %d, "n422": %d, "n429": %d, "nother": %d, "nunsaved": %d}\n',
    mode, summary.requests, summary.duration, latency.mean, latency:percentile(50),
    latency:percentile(90), latency:percentile(99), latency.max, summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout, summary.errors.status,
    c.n200, c.n422, c.n429, c.nother, c.nunsaved
  ))
end
