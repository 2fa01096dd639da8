import type { Redis } from "ioredis";

/**
 * Fair scheduling between projects on open-source BullMQ (its "groups" are a paid feature).
 *
 * Each project keeps, per job name (stage), its jobs of that name that wait (a Redis sorted set
 * of job ids by rank, its "backlog"). A job joins its backlog when it is added and gets the
 * priority `1 + the number of the project's jobs of that name already waiting` — but never less
 * than the highest rank still waiting, so a project's own jobs keep their order and an old job
 * cannot be overtaken forever by its project's newer ones; it leaves when a worker starts it.
 * BullMQ runs prioritized jobs by priority, then first in first out: the k-th waiting job of
 * every project runs before the (k+1)-th of any, so a project with one document waits for at most
 * about one job of each other project per stage, however many those have queued.
 * Per stage rather than per queue: a project's later stages (classify, extract, finalize) rank
 * among the same stage of other projects, not behind its own queued ingests, so a burst's
 * documents still finish one after another instead of all at the end.
 *
 * Sets of job ids, not counters: adding an id twice (a deterministic id added again) or starting
 * a job twice (a retry, a stalled job) changes nothing. Priorities only order work, never decide
 * whether it runs; a backlog that drifted (a job removed without starting, an add that failed
 * after its id joined) is pruned by `pruneBacklogs` (the reconciler runs it), and a backlog
 * lost with Redis is lost with the jobs it counted.
 */

/** BullMQ's largest priority (`PRIORITY_LIMIT` of bullmq's Job: 2^21 - 1). */
export const MAX_PRIORITY = 2 ** 21 - 1;
/** Fair priorities stay below it: the background priority runs after every waiting document. */
export const MAX_FAIR_PRIORITY = MAX_PRIORITY - 1;
/** A backlog nobody added to for a day is dropped (a last resort; the reconciler prunes first). */
const BACKLOG_TTL_SECONDS = 24 * 3_600;

/** Whose backlog: a project's jobs of one name (stage) in the queue that runs them. */
export interface BacklogOwner {
  queue: string;
  name: string;
  projectId: string;
}

/** The sorted set (job id → rank) of a project's waiting jobs of one name. */
export function backlogKey(prefix: string, owner: BacklogOwner): string {
  return `${prefix}:fair:${indexEntry(owner)}`;
}

/** Queue and job names hold no ':' (BullMQ and the catalog), so the entry splits back apart. */
function indexEntry({ queue, name, projectId }: BacklogOwner): string {
  return `${queue}:${name}:${projectId}`;
}

function parseIndexEntry(entry: string): BacklogOwner {
  const [queue = "", name = "", ...rest] = entry.split(":");
  return { queue, name, projectId: rest.join(":") };
}

/** Every backlog that may hold members (see `indexEntry`), so pruning needs no SCAN. */
export function backlogIndexKey(prefix: string): string {
  return `${prefix}:fair:index`;
}

/**
 * KEYS: backlog, index set. ARGV: max priority, ttl, index member, job ids…
 * Answers one priority per id: `1 + the backlog's size`, but never below the highest rank still
 * waiting (a project's jobs keep their order); an id already in the backlog keeps its rank.
 */
const JOIN_SCRIPT = `
local max = tonumber(ARGV[1])
local out = {}
for i = 4, #ARGV do
  local rank = redis.call('ZSCORE', KEYS[1], ARGV[i])
  if not rank then
    local n = redis.call('ZCARD', KEYS[1])
    local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
    local top = tonumber(last[2] or 0)
    rank = math.min(math.max(n + 1, top), max)
    redis.call('ZADD', KEYS[1], rank, ARGV[i])
  end
  out[#out + 1] = tonumber(rank)
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
redis.call('SADD', KEYS[2], ARGV[3])
return out
`;

/** KEYS: backlog set, index set. ARGV: index member. */
const FORGET_IF_EMPTY = `
if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return 0
`;

type FairRedis = Redis & {
  pagewiseJoinBacklog(
    backlog: string,
    index: string,
    max: number,
    ttl: number,
    indexMember: string,
    ...jobIds: string[]
  ): Promise<number[]>;
};

function withScript(redis: Redis): FairRedis {
  const fair = redis as FairRedis;
  if (typeof fair.pagewiseJoinBacklog !== "function") {
    redis.defineCommand("pagewiseJoinBacklog", { numberOfKeys: 2, lua: JOIN_SCRIPT });
  }
  return fair;
}

/**
 * Put jobs (not added yet) into their backlog and answer their priorities, in order. Call before
 * adding them: a job that starts at once then leaves the backlog again.
 */
export async function joinBacklog(
  redis: Redis,
  prefix: string,
  owner: BacklogOwner,
  jobIds: readonly string[],
  maxPriority = MAX_FAIR_PRIORITY,
): Promise<number[]> {
  if (jobIds.length === 0) return [];
  const priorities = await withScript(redis).pagewiseJoinBacklog(
    backlogKey(prefix, owner),
    backlogIndexKey(prefix),
    maxPriority,
    BACKLOG_TTL_SECONDS,
    indexEntry(owner),
    ...jobIds,
  );
  return priorities.map(Number);
}

/** A job started: it no longer waits (idempotent, so every attempt may call it). */
export async function leaveBacklog(
  redis: Redis,
  prefix: string,
  owner: BacklogOwner,
  jobId: string,
): Promise<void> {
  await redis.zrem(backlogKey(prefix, owner), jobId);
}

/** How many of a project's jobs of one name wait (for metrics and tests). */
export async function backlogSize(
  redis: Redis,
  prefix: string,
  owner: BacklogOwner,
): Promise<number> {
  return redis.zcard(backlogKey(prefix, owner));
}

/**
 * Drop members that no longer wait: the job is gone (removed, or its add failed) or it has
 * started (`processedOn` is set when BullMQ first moves a job to active, so a job whose worker
 * died before it left its backlog counts as started too). One pipelined HMGET per member: cheap
 * next to the jobs themselves. Answers how many members were dropped.
 */
export async function pruneBacklogs(redis: Redis, prefix: string, batch = 500): Promise<number> {
  const index = backlogIndexKey(prefix);
  let dropped = 0;
  for (const entry of await redis.smembers(index)) {
    const owner = parseIndexEntry(entry);
    const key = backlogKey(prefix, owner);
    let cursor = "0";
    do {
      const [next, flat] = await redis.zscan(key, cursor, "COUNT", batch);
      const members = flat.filter((_, i) => i % 2 === 0);
      cursor = next;
      if (members.length === 0) continue;
      const pipeline = redis.pipeline();
      for (const id of members)
        pipeline.hmget(`${prefix}:${owner.queue}:${id}`, "timestamp", "processedOn");
      const states = (await pipeline.exec()) ?? [];
      const stale = members.filter((_, i) => {
        const [timestamp, processedOn] = (states[i]?.[1] as (string | null)[] | undefined) ?? [];
        return !timestamp || !!processedOn;
      });
      if (stale.length > 0) dropped += await redis.zrem(key, ...stale);
    } while (cursor !== "0");
    // An empty set no longer exists: forget it (atomically, so a join in between keeps it).
    await redis.eval(FORGET_IF_EMPTY, 2, key, index, entry);
  }
  return dropped;
}
