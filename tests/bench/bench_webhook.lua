-- SPDX-License-Identifier: Apache-2.0
-- wrk script for tests/bench/bench_webhook.sh: every request is a distinct
-- inbound reply on the kannel provider's get-url route (its own message id,
-- from one of 10,000 enrolled clients), so each one is a new message, mood
-- and check-in answer to commit.
-- Arguments (after --): total requests across all threads (0: no limit,
-- run for wrk's -d), the secret, the number of threads.
local threads = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("tid", #threads)
end

local texts = { "7", "feeling+5+today", "3+rough+day", "8", "pretty+good%2C+6", "10" }

function init(args)
   local total = tonumber(args[1]) or 0
   local nthreads = tonumber(args[3]) or 1
   secret = args[2] or ""
   share = math.floor(total / nthreads)
   if tid <= total % nthreads then share = share + 1 end
   sent, answered, counter = 0, 0, 0
end

function request()
   counter = counter + 1
   local id = "bench-" .. tid .. "-" .. counter
   -- one of the 10,000 clients bench_webhook.sh enrolled: +15550000000...
   local from = string.format("%%2B1555%07d", (tid * 7919 + counter) % 10000)
   return wrk.format("GET", "/sms/kannel?secret=" .. secret .. "&id=" .. id .. "&from=" .. from
      .. "&to=%2B15555550100&text=" .. texts[counter % #texts + 1])
end

function response(status, headers, body)
   answered = answered + 1
   if share > 0 and answered >= share then wrk.thread:stop() end
end
