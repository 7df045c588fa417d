/**
 * The Lua scripts of the Redis store: each runs atomically on the server, so a transaction's reads are one
 * consistent snapshot and its commit applies whole or not at all, whichever replica sends it.
 *
 * Keys, under a prefix P (default `jobmock:`), for a session S (`P{<name>}:`, one hash slot per session):
 * - `P sessions` zset name → creation number; `P used` zset name → last use (ms, Redis time);
 *   `P seq` the version counter (every commit takes the next number); `P bytes` what every session holds;
 *   `P seed` the fingerprint of the seed the replicas share.
 * - `S session` hash: `fields` (the session's own fields as JSON: clock, faults and any others), `jobs` and
 *   `n:<api>` (jobs beyond the seed's), `bytes`.
 * - `S ver` hash: the version of every record read or written: `s` (the fields), `j\0<api>\0<id>`, `t\0<api>`
 *   (any job of the API), `d\0<api>\0<key>`, `D\0<api>` (any data entry of the API).
 * - `S counters` hash (id counters); `S apis` set (APIs with keys below).
 * - `S jobs:<api>` hash id → job JSON, or `-` for a seed job the session deleted; `S order:<api>` zset id →
 *   creation number; `S data:<api>` hash key → JSON.
 * - `S journal` list: the request journal, newest first, each entry `<seq> <JSON>`; `S journal:seq` the last
 *   seq handed out; `S journal:bytes` what the list holds. A reset empties the list (the numbering goes on);
 *   dropping the session drops all three.
 */

/** Shared by every script: the prefix, the session's key prefix and Redis time in ms. */
const PRELUDE = `
local P = ARGV[1]
local name = ARGV[2]
local S = P .. '{' .. name .. '}:'
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local a = 3
local function arg()
  local v = ARGV[a]
  a = a + 1
  return v
end
local function stale_of(ver, n)
  local stale = {}
  for _ = 1, n do
    local field, expected = arg(), arg()
    if (redis.call('HGET', ver, field) or '0') ~= expected then stale[#stale + 1] = field end
  end
  return stale
end
local function drop(session)
  local T = P .. '{' .. session .. '}:'
  local bytes = tonumber(redis.call('HGET', T .. 'session', 'bytes') or '0')
  for _, api in ipairs(redis.call('SMEMBERS', T .. 'apis')) do
    redis.call('DEL', T .. 'jobs:' .. api, T .. 'order:' .. api, T .. 'data:' .. api)
  end
  redis.call('DEL', T .. 'session', T .. 'ver', T .. 'counters', T .. 'apis')
  redis.call('DEL', T .. 'journal', T .. 'journal:seq', T .. 'journal:bytes')
  redis.call('DECRBY', P .. 'bytes', bytes)
  redis.call('ZREM', P .. 'sessions', session)
  redis.call('ZREM', P .. 'used', session)
end
`;

/**
 * Reads the session and the records asked for, checks that the records read before are unchanged, and hands
 * out counter numbers. ARGV: P, name, nChecks, (field, version)…, nRequests, (kind, api, key, init)….
 * Returns {now, session hash, its version, stale fields, results}.
 */
export const LOAD_SCRIPT = `${PRELUDE}
local now = now_ms()
local ver = S .. 'ver'
local session = redis.call('HGETALL', S .. 'session')
if #session > 0 then redis.call('ZADD', P .. 'used', 'XX', now, name) end
local stale = stale_of(ver, tonumber(arg()))
local version = redis.call('HGET', ver, 's') or '0'
local results = {}
for r = 1, tonumber(arg()) do
  local kind, api, key, init = arg(), arg(), arg(), arg()
  if kind == 'j' then
    results[r] = { redis.call('HGET', S .. 'jobs:' .. api, key) or false,
      redis.call('HGET', ver, 'j\\0' .. api .. '\\0' .. key) or '0' }
  elseif kind == 't' then
    results[r] = { redis.call('HGET', ver, 't\\0' .. api) or '0', redis.call('HGETALL', S .. 'jobs:' .. api),
      redis.call('ZRANGE', S .. 'order:' .. api, 0, -1) }
  elseif kind == 'd' then
    results[r] = { redis.call('HGET', S .. 'data:' .. api, key) or false,
      redis.call('HGET', ver, 'd\\0' .. api .. '\\0' .. key) or '0' }
  elseif kind == 'D' then
    results[r] = { redis.call('HGET', ver, 'D\\0' .. api) or '0', redis.call('HGETALL', S .. 'data:' .. api) }
  else
    redis.call('HSETNX', S .. 'counters', key, init)
    results[r] = redis.call('HINCRBY', S .. 'counters', key, 1)
  end
end
return { now, session, version, stale, results }
`;

/**
 * Commits one transaction if every record it read is unchanged, within the limits: the session's fields, job
 * and data writes, counts and bytes, all at once. ARGV: P, name, create, reset, maxSessions, maxJobs (beyond the
 * seed), maxSessionBytes, maxTotalBytes (beyond the seed), jobsDelta, fields ('' when unchanged),
 * nChecks, (field, version)…, nCounters, (counter, value)… (kept across a reset), nCounts, (api, delta)…,
 * nJobs, (api, id, how, json)… (how: nx, new, tomb, del), nData, (api, key, json or '')…. The bytes a session
 * holds are the lengths of its job and data records (and their keys), counted here from what is replaced.
 * Returns {'ok', version}, {'conflict', stale fields} or {'limit', which}.
 */
export const COMMIT_SCRIPT = `${PRELUDE}
local create, reset = arg() == '1', arg() == '1'
local maxSessions, maxJobs, maxSessionBytes, maxTotalBytes =
  tonumber(arg()), tonumber(arg()), tonumber(arg()), tonumber(arg())
local jobsDelta, fields = tonumber(arg()), arg()
local ver, session = S .. 'ver', S .. 'session'
local stale = stale_of(ver, tonumber(arg()))
if #stale > 0 then return { 'conflict', stale } end
local start = a
local nCounters = tonumber(arg())
a = a + 2 * nCounters
a = a + 2 * tonumber(arg())
local bytesDelta = 0
local function held(hash, field)
  if reset then return 0 end
  local length = redis.call('HSTRLEN', hash, field)
  return length > 1 and length + #field or 0
end
for _ = 1, tonumber(arg()) do
  local api, id, how, json = arg(), arg(), arg(), arg()
  bytesDelta = bytesDelta + (#json > 0 and #json + #id or 0) - held(S .. 'jobs:' .. api, id)
end
for _ = 1, tonumber(arg()) do
  local api, key, json = arg(), arg(), arg()
  bytesDelta = bytesDelta + (#json > 0 and #json + #key or 0) - held(S .. 'data:' .. api, key)
end
a = start
if create and not redis.call('ZSCORE', P .. 'sessions', name)
  and redis.call('ZCARD', P .. 'sessions') >= maxSessions then
  return { 'limit', 'sessions' }
end
local heldBytes = tonumber(redis.call('HGET', session, 'bytes') or '0')
local jobs = reset and 0 or tonumber(redis.call('HGET', session, 'jobs') or '0')
local bytes = reset and 0 or heldBytes
local total = tonumber(redis.call('GET', P .. 'bytes') or '0') - heldBytes + bytes
if jobsDelta > 0 and jobs + jobsDelta > maxJobs then return { 'limit', 'jobs' } end
if bytesDelta > 0 and bytes + bytesDelta > maxSessionBytes then return { 'limit', 'session-bytes' } end
if bytesDelta > 0 and total + bytesDelta > maxTotalBytes then return { 'limit', 'bytes' } end
local v = redis.call('INCR', P .. 'seq')
if reset then
  for _, api in ipairs(redis.call('SMEMBERS', S .. 'apis')) do
    redis.call('DEL', S .. 'jobs:' .. api, S .. 'order:' .. api, S .. 'data:' .. api)
  end
  redis.call('DEL', session, ver, S .. 'counters', S .. 'apis', S .. 'journal', S .. 'journal:bytes')
  redis.call('DECRBY', P .. 'bytes', heldBytes)
end
redis.call('ZADD', P .. 'sessions', 'NX', v, name)
redis.call('ZADD', P .. 'used', now_ms(), name)
if fields ~= '' then
  redis.call('HSET', session, 'fields', fields)
  redis.call('HSET', ver, 's', v)
end
redis.call('HINCRBY', session, 'jobs', jobsDelta)
redis.call('HINCRBY', session, 'bytes', bytesDelta)
redis.call('INCRBY', P .. 'bytes', bytesDelta)
for _ = 1, tonumber(arg()) do
  local counter, value = arg(), arg()
  redis.call('HSET', S .. 'counters', counter, value)
end
for _ = 1, tonumber(arg()) do
  local api, delta = arg(), arg()
  redis.call('HINCRBY', session, 'n:' .. api, delta)
end
for _ = 1, tonumber(arg()) do
  local api, id, how, json = arg(), arg(), arg(), arg()
  local hash, order = S .. 'jobs:' .. api, S .. 'order:' .. api
  redis.call('SADD', S .. 'apis', api)
  if how == 'del' then
    redis.call('HDEL', hash, id)
    redis.call('ZREM', order, id)
  elseif how == 'tomb' then
    redis.call('HSET', hash, id, '-')
    redis.call('ZREM', order, id)
  else
    redis.call('HSET', hash, id, json)
    if how == 'new' then redis.call('ZADD', order, v, id) else redis.call('ZADD', order, 'NX', v, id) end
  end
  redis.call('HSET', ver, 'j\\0' .. api .. '\\0' .. id, v, 't\\0' .. api, v)
end
for _ = 1, tonumber(arg()) do
  local api, key, json = arg(), arg(), arg()
  redis.call('SADD', S .. 'apis', api)
  if json == '' then redis.call('HDEL', S .. 'data:' .. api, key)
  else redis.call('HSET', S .. 'data:' .. api, key, json) end
  redis.call('HSET', ver, 'd\\0' .. api .. '\\0' .. key, v, 'D\\0' .. api, v)
end
return { 'ok', v }
`;

/**
 * Drops sessions: ARGV P, name (ignored), how ('one' name | 'all' | 'idle' ms: unused for that long, by Redis
 * time; the default session is never idle). Returns the names dropped.
 */
export const DROP_SCRIPT = `${PRELUDE}
local how, what = arg(), arg()
local names
if how == 'one' then names = { what }
elseif how == 'all' then names = redis.call('ZRANGE', P .. 'sessions', 0, -1)
else names = redis.call('ZRANGEBYSCORE', P .. 'used', '-inf', '(' .. (now_ms() - tonumber(what))) end
local dropped = {}
for _, session in ipairs(names) do
  if how ~= 'idle' or session ~= 'default' then
    if redis.call('ZSCORE', P .. 'sessions', session) then dropped[#dropped + 1] = session end
    drop(session)
  end
end
return dropped
`;

/** Every session in creation order with its jobs beyond the seed and its bytes: {name, jobs, bytes}…. */
export const LIST_SCRIPT = `${PRELUDE}
local out = {}
for _, session in ipairs(redis.call('ZRANGE', P .. 'sessions', 0, -1)) do
  local held = redis.call('HMGET', P .. '{' .. session .. '}:session', 'jobs', 'bytes')
  out[#out + 1] = { session, tonumber(held[1] or '0'), tonumber(held[2] or '0') }
end
return out
`;

/** How many sessions there are and the bytes they hold. */
export const STATS_SCRIPT = `${PRELUDE}
return { redis.call('ZCARD', P .. 'sessions'), tonumber(redis.call('GET', P .. 'bytes') or '0') }
`;

/** Records the seed's fingerprint unless one is there; returns the one there. ARGV: P, name, fingerprint. */
export const SEED_SCRIPT = `${PRELUDE}
redis.call('SET', P .. 'seed', arg(), 'NX')
return redis.call('GET', P .. 'seed')
`;

/**
 * Keeps a call in its session's request journal, numbering it, the oldest entries giving way past `capacity`
 * entries or `maxBytes`. ARGV: P, name, capacity, maxBytes, entry JSON (without its seq). A session that does
 * not exist keeps nothing (an unauthenticated call makes none). Returns the seq, or 0 when nothing was kept.
 */
export const JOURNAL_APPEND_SCRIPT = `${PRELUDE}
local capacity, maxBytes, json = tonumber(arg()), tonumber(arg()), arg()
if capacity <= 0 or #json > maxBytes or not redis.call('ZSCORE', P .. 'sessions', name) then return 0 end
local seq = redis.call('INCR', S .. 'journal:seq')
local entry = seq .. ' ' .. json
redis.call('LPUSH', S .. 'journal', entry)
local bytes = redis.call('INCRBY', S .. 'journal:bytes', #entry)
while redis.call('LLEN', S .. 'journal') > capacity or bytes > maxBytes do
  bytes = redis.call('DECRBY', S .. 'journal:bytes', #redis.call('RPOP', S .. 'journal'))
end
return seq
`;

/** Entries `start` to `stop` of a session's request journal, newest first (`<seq> <JSON>` each). ARGV: P, name, start, stop. */
export const JOURNAL_READ_SCRIPT = `${PRELUDE}
return redis.call('LRANGE', S .. 'journal', tonumber(arg()), tonumber(arg()))
`;

/** Empties a session's request journal (the numbering goes on). ARGV: P, name. */
export const JOURNAL_CLEAR_SCRIPT = `${PRELUDE}
redis.call('DEL', S .. 'journal', S .. 'journal:bytes')
return 0
`;
