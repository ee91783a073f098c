/*
** sandbox.c — the Lua state rules run in.
**
** {====== What closes which hole (numbers are cases of docs/spec/hardening.md)
**   libraries     only base/string/table/math/utf8/coroutine are opened, and rules see them
**                 through read-only proxies; io/os/package/debug/require/dofile/loadfile are
**                 never reachable (1, 5, 12, 16)
**   bytecode      load() takes text only and needs an explicit environment (2, 10);
**                 string.dump is not in the string table rules see (3)
**   metatables    the string metatable is protected (4); setmetatable refuses __gc (23, 24)
**                 and __mode, and sets a copy, so neither can be added later;
**                 rawset is absent, so read-only proxies hold (6)
**   CPU           a count hook installed at state creation, before any code runs, so every
**                 coroutine inherits it (21); one counter per state (22); once tripped the
**                 hook fires on every instruction, so pcall and __close cannot swallow the
**                 error (19, 20); a wall-clock check in the same hook backs it (32)
**   C calls       string.rep, pattern matching and table.move are capped by size (31, 32),
**                 and long library calls charge their work to the budget (issue 16.4)
**   memory        a counting allocator; the cap applies only while rule code runs and is
**                 re-based per call (25–28)
**   determinism   pairs() over plain tables visits keys in sorted order (46); tostring never
**                 shows addresses (13); math.random is absent (14); collectgarbage is refused
**                 (9); what rule code can change is put back after every pair (issue 16.7),
**                 what only rule code reads from behind a write barrier (issue 19)
** }======
*/
#include "sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define HOOK_EVERY 1000           /* instructions between budget checks */
#define CHARGE_BYTES 16           /* bytes a C call scans for one instruction unit (charge) */
#define CLOCK_EVERY 65536         /* units charged by C calls between two reads of the clock */
#define HEADROOM (256u * 1024u)   /* what the message handler may use over the cap */
#define MAX_REP_BYTES (16u * 1024u * 1024u)
#define MAX_MOVE_SPAN 1000000 /* elements one C call may walk: about 0.2 s at worst */
#define MAX_PATTERN_WORK 5e7      /* see pattern_too_costly */
#define MAX_PATTERN_LEN 4096

static const char BASE_KEY[] = "versus.base";
/* the frozen envs' definitions (flatten, snapshot) */
static const char ENVS_KEY[] = "versus.envs";

/* The wall-clock backstop reads a coarse clock: it is checked against a limit of seconds, so
** a resolution of a few milliseconds is plenty, and it costs a fraction of a precise read
** (sandbox_arm runs once per rule call). */
#ifdef CLOCK_MONOTONIC_COARSE
#define BACKSTOP_CLOCK CLOCK_MONOTONIC_COARSE
#else
#define BACKSTOP_CLOCK CLOCK_MONOTONIC
#endif

/* {====== Allocator */

/*
** Lua makes and drops many small objects per rule call (strings, tables, closures).  They
** come from free lists of 16-byte size classes, refilled from 64 KiB chunks, all owned by
** the state: much cheaper than malloc and free for each.  Larger blocks go to malloc.
** What the cap counts does not change: the sizes Lua asks for, exactly as before.  Lua
** always passes the size a block was given (osize) when it frees or resizes it, so the
** class of osize is never larger than the block, which is all the free lists rely on.
** (Built with AddressSanitizer, every block goes to malloc, so that it sees them all.)
*/
#if defined(__SANITIZE_ADDRESS__)
#define USE_POOL 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define USE_POOL 0
#endif
#endif
#ifndef USE_POOL
#define USE_POOL 1
#endif

#define POOL_GRAIN 16
#define POOL_MAX 256 /* the largest size served from the free lists */
#define POOL_CLASSES (POOL_MAX / POOL_GRAIN)
#define POOL_CHUNK (64u * 1024u)

typedef struct pool_block {
	struct pool_block *next;
} pool_block;

/* The sandbox and its allocator state; a vs_sandbox * is a pointer to the first member. */
typedef struct sandbox_impl {
	vs_sandbox sb;
	pool_block *free[POOL_CLASSES + 1]; /* by class: (size + 15) / 16 */
	pool_block *chunks;                 /* every chunk, linked through its first 16 bytes */
	char *bump, *bump_end;              /* the unused part of the newest chunk */
} sandbox_impl;

static size_t pool_class(size_t n)
{
	return (n + POOL_GRAIN - 1) / POOL_GRAIN;
}

static void *pool_get(sandbox_impl *im, size_t n)
{
	size_t c = pool_class(n);
	pool_block *b = im->free[c];
	if (b) {
		im->free[c] = b->next;
		return b;
	}
	size_t bytes = c * POOL_GRAIN;
	if ((size_t)(im->bump_end - im->bump) < bytes) {
		pool_block *chunk = malloc(POOL_CHUNK);
		if (!chunk)
			return NULL;
		chunk->next = im->chunks;
		im->chunks = chunk;
		im->bump = (char *)chunk + POOL_GRAIN; /* blocks stay 16-byte aligned */
		im->bump_end = (char *)chunk + POOL_CHUNK;
	}
	b = (pool_block *)(void *)im->bump;
	im->bump += bytes;
	return b;
}

static void pool_put(sandbox_impl *im, void *p, size_t n)
{
	pool_block *b = p;
	size_t c = pool_class(n);
	b->next = im->free[c];
	im->free[c] = b;
}

/* Free, grow or shrink a block Lua holds (old bytes; 0 when p is NULL) to n > 0 bytes. */
static void *block_resize(sandbox_impl *im, void *p, size_t old, size_t n)
{
	if (!USE_POOL)
		return realloc(p, n);
	if (!p)
		return n <= POOL_MAX ? pool_get(im, n) : malloc(n);
	if (old <= POOL_MAX) {
		if (n <= old || (n <= POOL_MAX && pool_class(n) == pool_class(old)))
			return p; /* fits where it is (a shrink never fails) */
	} else if (n > POOL_MAX) {
		return realloc(p, n);
	}
	/* from the pool to malloc or the other way, or to a larger class */
	void *q = n <= POOL_MAX ? pool_get(im, n) : malloc(n);
	if (!q) {
		/* A shrink must not fail: keep the block (a malloc'd block bigger than any
		** class may then end in a free list, which is safe) */
		return n < old ? p : NULL;
	}
	memcpy(q, p, old < n ? old : n);
	if (old <= POOL_MAX)
		pool_put(im, p, old);
	else
		free(p);
	return q;
}

static void block_free(sandbox_impl *im, void *p, size_t old)
{
	if (!p)
		return;
	if (USE_POOL && old <= POOL_MAX)
		pool_put(im, p, old);
	else
		free(p);
}

static void pool_release(sandbox_impl *im)
{
	while (im->chunks) {
		pool_block *next = im->chunks->next;
		free(im->chunks);
		im->chunks = next;
	}
}

static void count_hook(lua_State *L, lua_Debug *ar);

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	sandbox_impl *im = ud;
	vs_sandbox *sb = &im->sb;
	/* With ptr == NULL, osize encodes the object kind, not a size. */
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		block_free(im, ptr, old);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old && sb->mem_armed) {
		size_t limit = sb->limit + (sb->headroom ? HEADROOM : 0);
		if (sb->used - old + nsize > limit) {
			/* Lua answers a refusal with an emergency collection and asks once more; a
			** second refusal in a row is the real failure.  From then on the trip is
			** sticky: the main thread raises at its next instruction, so a pcall cannot
			** swallow the memory error and go on (a coroutine raises at its next hook, and
			** sandbox_pcall fails the call whatever it returned). */
			if (sb->refused_last && sb->trip == VS_TRIP_NONE) {
				sb->trip = VS_TRIP_MEMORY;
				if (!sb->headroom)
					lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, 1);
			}
			sb->refused_last = true;
			return NULL;
		}
	}
	void *p = block_resize(im, ptr, old, nsize);
	if (!p)
		return NULL;
	sb->refused_last = false;
	sb->used = sb->used - old + nsize;
	return p;
}

/* }====== */

/* {====== Budget */

static vs_sandbox *sandbox_of(lua_State *L)
{
	void *ud = NULL;
	lua_getallocf(L, &ud);
	return ud;
}

static double seconds_until(const struct timespec *t)
{
	struct timespec now;
	clock_gettime(BACKSTOP_CLOCK, &now);
	return (double)(t->tv_sec - now.tv_sec) + (double)(t->tv_nsec - now.tv_nsec) / 1e9;
}

static void count_hook(lua_State *L, lua_Debug *ar);

/* Add units of work to the call's count and trip when it is over its budget or past its
** deadline: the clock is read at every call when clock_now, else once CLOCK_EVERY units
** have been spent since the last read.  A trip raises, and stays: from then on every
** instruction of this thread raises again. */
static void spend(lua_State *L, vs_sandbox *sb, long units, bool clock_now)
{
	if (sb->trip == VS_TRIP_NONE) {
		sb->spent += units;
		if (sb->spent > sb->budget)
			sb->trip = VS_TRIP_INSTRUCTIONS;
		else if (clock_now || sb->spent >= sb->next_clock) {
			if (!clock_now)
				sb->next_clock = sb->spent + CLOCK_EVERY;
			if (seconds_until(&sb->deadline) < 0)
				sb->trip = VS_TRIP_TIME;
		}
	}
	if (sb->trip != VS_TRIP_NONE) {
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "%s", sandbox_trip_message(sb));
	}
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	vs_sandbox *sb = sandbox_of(L);
	/* Counting every instruction (a rule profile), the clock is read as often as C calls
	** read it; else at every hook. */
	if (sb->armed)
		spend(L, sb, sb->hook_every, sb->hook_every == HOOK_EVERY);
}

const char *sandbox_trip_message(const vs_sandbox *sb)
{
	switch (sb->trip) {
	case VS_TRIP_INSTRUCTIONS: return "instruction budget exceeded";
	case VS_TRIP_MEMORY: return "memory cap exceeded";
	case VS_TRIP_TIME: return "time limit exceeded";
	case VS_TRIP_NONE: break;
	}
	return NULL;
}

void sandbox_arm(vs_sandbox *sb)
{
	sb->trip = VS_TRIP_NONE;
	sb->spent = 0;
	sb->next_clock = CLOCK_EVERY;
	sb->err_where[0] = '\0';
	clock_gettime(BACKSTOP_CLOCK, &sb->deadline);
	double whole = floor(sb->seconds);
	sb->deadline.tv_sec += (time_t)whole;
	sb->deadline.tv_nsec += (long)((sb->seconds - whole) * 1e9);
	if (sb->deadline.tv_nsec >= 1000000000L) {
		sb->deadline.tv_sec++;
		sb->deadline.tv_nsec -= 1000000000L;
	}
	/* Inside a phase (sandbox_begin_phase) every call shares one cap; else each has its own. */
	sb->limit = sb->phase_limit ? sb->phase_limit : sb->used + sb->cap;
	sb->refused_last = false;
	sb->mem_armed = true;
	sb->armed = true;
}

void sandbox_disarm(vs_sandbox *sb)
{
	sb->armed = false;
	sb->mem_armed = false;
	sb->headroom = false;
	/* The main thread may have been switched to count 1 by a trip. */
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, sb->hook_every);
}

/*
** Work done inside one C library call never runs a Lua instruction, so the count hook cannot
** see it: string.find over 4 KB subjects as a sort comparator, or gsub over 16 MiB in a loop,
** ran for minutes as a few hook periods (issue 16, item 4).  The wrappers of the library
** functions that can run long charge their work here, in instruction units (about what the
** VM does in the time: CHARGE_BYTES bytes scanned a unit), and the wall clock is read once
** enough has been charged since the last read, so that short calls cost an addition.
*/

static void charge(lua_State *L, double units)
{
	vs_sandbox *sb = sandbox_of(L);
	if (sb->armed)
		spend(L, sb, units > (double)sb->budget ? sb->budget : (long)units, false);
}

/*
** What a state holds, not only what one call allocates (issue 16, item 5): with the cap
** re-based at every call, 20 rules each keeping 48 MiB took a state to 709 MB.  A phase (the
** rule files' loading, one pair, one page) gives all its calls one limit: what the state
** held when it began plus the cap.  Rule state does not outlive a pair (sandbox_restore), so
** a phase bounds all a state's rules hold.  Near the limit Lua collects garbage before the
** refusal stands, so garbage left by earlier pairs does not count.
*/
void sandbox_begin_phase(vs_sandbox *sb)
{
	sb->phase_limit = sb->used + sb->cap;
}

void sandbox_end_phase(vs_sandbox *sb)
{
	sb->phase_limit = 0;
}

/* Host data made while rule code runs (a model view's record converted on its first read)
** is the host's: it is not refused, and the limits move up by what it took. */
void sandbox_host_begin(lua_State *L, vs_host_mark *m)
{
	vs_sandbox *sb = sandbox_of(L);
	m->used = sb->used;
	m->mem_armed = sb->mem_armed;
	sb->mem_armed = false;
}

void sandbox_host_end(lua_State *L, const vs_host_mark *m)
{
	vs_sandbox *sb = sandbox_of(L);
	if (sb->used > m->used) {
		size_t grew = sb->used - m->used;
		sb->limit += grew;
		if (sb->phase_limit)
			sb->phase_limit += grew;
	}
	sb->mem_armed = m->mem_armed;
}

/* }====== */

/* {====== Error messages */

/* Drop a leading "chunk:line: " that Lua adds, since we report the place separately. */
static const char *strip_position(const char *msg)
{
	const char *p = msg;
	/* A rule file's real path may hold spaces and colons ("/home/me/my rules/x.lua:3: "),
	** and Lua shortens a long one ("...rules/x.lua:3: "); it ends at ".lua:" and the line. */
	const char *lua = msg[0] == '/' || strncmp(msg, "...", 3) == 0 ? strstr(msg, ".lua:") : NULL;
	if (lua && lua[5] >= '0' && lua[5] <= '9')
		p = lua + 4;
	while (*p && *p != ':' && *p != ' ')
		p++;
	if (*p != ':' || !(p[1] >= '0' && p[1] <= '9'))
		return msg;
	p++;
	while (*p >= '0' && *p <= '9')
		p++;
	return (p[0] == ':' && p[1] == ' ') ? p + 2 : msg;
}

/*
** "attempt to call a nil value (global 'print')" says what Lua saw, not why: the sandbox
** leaves out every global that reaches the outside world, and rawset and next.  For those
** names the message says why, and what to use instead; any other message is left as it is.
** Returns rest, or a new string it leaves on L's stack.
*/
static const char *removed_global(lua_State *L, const char *rest)
{
	static const char *const removed[][2] = {
		{"print", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"io", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"os", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"require", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"dofile", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"loadfile", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"package", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"debug", "the sandbox has no I/O; use a diagnostic or `--explain`"},
		{"rawset", "views and libraries are read-only; build a table of your own"},
		{"next", "its order would change from run to run; use pairs (sorted keys)"},
	};
	static const char *const forms[] = {"attempt to call a nil value (global '",
	                                    "attempt to index a nil value (global '"};
	for (size_t f = 0; f < VS_ARRAY_LEN(forms); f++) {
		size_t n = strlen(forms[f]);
		if (strncmp(rest, forms[f], n) != 0)
			continue;
		for (size_t i = 0; i < VS_ARRAY_LEN(removed); i++) {
			size_t k = strlen(removed[i][0]);
			if (strncmp(rest + n, removed[i][0], k) == 0 && strcmp(rest + n + k, "')") == 0)
				return lua_pushfstring(L, "%s is not available in rules: %s", removed[i][0],
				                       removed[i][1]);
		}
	}
	return rest;
}

static int message_handler(lua_State *L)
{
	vs_sandbox *sb = sandbox_of(L);
	sb->headroom = true;
	lua_Debug ar;
	sb->err_where[0] = '\0';
	/* The place Lua put in the message wins: error(msg, 2) in a helper names the caller.
	** A rule file's chunk is "rules/NAME.lua", or its real path when it comes from another
	** rules directory (engine.c); a place Lua shortened ("...") is not taken. */
	const char *msg = lua_type(L, 1) == LUA_TSTRING ? lua_tostring(L, 1) : NULL;
	const char *rest = msg ? strip_position(msg) : NULL;
	if (msg && rest != msg && (strncmp(msg, "rules/", 6) == 0 || msg[0] == '/') &&
	    (size_t)(rest - msg) - 2 < sizeof sb->err_where)
		snprintf(sb->err_where, sizeof sb->err_where, "%.*s", (int)(rest - msg - 2), msg);
	for (int level = 1; !sb->err_where[0] && lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar))
			break;
		if (ar.currentline > 0 && ar.source[0] == '@') {
			snprintf(sb->err_where, sizeof sb->err_where, "%s:%d", ar.source + 1,
			         ar.currentline);
			break;
		}
	}
	/* An error right after a refused allocation is the memory cap, whatever Lua calls it. */
	if (sb->trip == VS_TRIP_NONE && sb->refused_last)
		sb->trip = VS_TRIP_MEMORY;
	const char *trip = sandbox_trip_message(sb);
	if (trip) {
		lua_pushstring(L, trip);
	} else {
		/* Never call __tostring on an error object: it could error or loop again. */
		switch (lua_type(L, 1)) {
		case LUA_TSTRING:
			lua_pushstring(L, removed_global(L, strip_position(lua_tostring(L, 1))));
			break;
		case LUA_TNUMBER:
			lua_pushfstring(L, "error %s", lua_tostring(L, 1));
			break;
		case LUA_TNIL:
			lua_pushliteral(L, "error called with nil");
			break;
		default:
			lua_pushfstring(L, "error object is a %s value", luaL_typename(L, 1));
			break;
		}
	}
	sb->headroom = false;
	return 1;
}

static const char TRACKED_KEY[] = "versus.tracked"; /* the write barrier's tables: T, its store, T, its store, ... */
static void push_fields_table(lua_State *L, int idx);
static void copy_fields(lua_State *L, int from, int to);

/* Push the value at idx as the host may read it, raw: a table behind the write barrier is
** its store, and a table holding one (at any depth up to PLAIN_DEPTH) a copy holding the
** store instead, so that a rule returning a list it built when its file loaded ("local
** ITEMS = {...}; return ITEMS") hands the engine its items, not an empty table.  The rule's
** own tables are never changed; a result without such a table is returned as it is.  memo
** maps each table met to what stands for it, so a result that shares its tables (t = {t, t},
** forty times over) is walked once per table, not once per path, and a cycle ends. */
#define PLAIN_DEPTH 16
static void push_plain(lua_State *L, int idx, int depth, int memo)
{
	idx = lua_absindex(L, idx);
	if (lua_type(L, idx) != LUA_TTABLE || depth > PLAIN_DEPTH) {
		lua_pushvalue(L, idx);
		return;
	}
	lua_pushvalue(L, idx);
	if (lua_rawget(L, memo) != LUA_TNIL)
		return;
	lua_pop(L, 1);
	luaL_checkstack(L, 8, NULL);
	push_fields_table(L, idx);
	int t = lua_gettop(L);
	lua_pushvalue(L, idx);
	lua_pushvalue(L, t);
	lua_rawset(L, memo); /* while it is walked: itself (or its store) */
	lua_pushnil(L); /* the copy, made when a field must change */
	int copy = t + 1;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		if (lua_type(L, -1) == LUA_TTABLE) {
			push_plain(L, -1, depth + 1, memo);
			if (!lua_rawequal(L, -1, -2)) {
				if (lua_isnil(L, copy)) {
					lua_newtable(L);
					copy_fields(L, t, -1);
					lua_replace(L, copy);
				}
				lua_pushvalue(L, -3);
				lua_insert(L, -2);
				lua_rawset(L, copy);
			} else {
				lua_pop(L, 1);
			}
		}
		lua_pop(L, 1);
	}
	if (lua_isnil(L, copy)) {
		lua_pop(L, 1);
	} else {
		lua_remove(L, t);
		lua_pushvalue(L, idx);
		lua_pushvalue(L, -2);
		lua_rawset(L, memo);
	}
}

static bool is_tracked(lua_State *L, int idx);

/* Does the value at idx reach a table behind the barrier, within *budget tables (a budget
** spent answers yes, and the memo walk decides)?  Most results are a few fresh tables: this
** walk allocates nothing, so they cost one look at each table. */
static bool reaches_barrier(lua_State *L, int idx, int depth, int *budget)
{
	if (lua_type(L, idx) != LUA_TTABLE || depth > PLAIN_DEPTH)
		return false;
	if (--*budget < 0 || is_tracked(L, idx))
		return true;
	idx = lua_absindex(L, idx);
	luaL_checkstack(L, 4, NULL);
	bool found = false;
	lua_pushnil(L);
	while (!found && lua_next(L, idx)) {
		found = reaches_barrier(L, -1, depth + 1, budget);
		lua_pop(L, 1);
	}
	if (found)
		lua_pop(L, 1); /* the key lua_next left */
	return found;
}

/* lua_pcall'd: its arguments, each as the host may read it (push_plain). */
static int plain_results(lua_State *L)
{
	int n = lua_gettop(L), budget = 4096;
	bool any = false;
	for (int i = 1; i <= n && !any; i++)
		any = reaches_barrier(L, i, 0, &budget);
	if (!any)
		return n;
	lua_newtable(L);
	int memo = n + 1;
	for (int i = 1; i <= n; i++) {
		push_plain(L, i, 0, memo);
		lua_replace(L, i);
	}
	lua_settop(L, n);
	return n;
}

/* Are there tables behind the write barrier in this state? */
static bool barrier_up(lua_State *L)
{
	bool up = lua_getfield(L, LUA_REGISTRYINDEX, TRACKED_KEY) == LUA_TTABLE &&
	          lua_rawlen(L, -1) > 0;
	lua_pop(L, 1);
	return up;
}

int sandbox_pcall(vs_sandbox *sb, int nargs, int nresults)
{
	lua_State *L = sb->L;
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, message_handler);
	lua_insert(L, base);
	sandbox_arm(sb);
	int status = lua_pcall(L, nargs, nresults, base);
	/* A memory error skips the message handler, and one the code caught leaves only the
	** refusal behind: either way the call hit its memory cap. */
	if (sb->trip == VS_TRIP_NONE && (status == LUA_ERRMEM || sb->refused_last))
		sb->trip = VS_TRIP_MEMORY;
	bool tripped = sb->trip != VS_TRIP_NONE;
	sandbox_disarm(sb);
	if (tripped && (status == LUA_OK || status == LUA_ERRMEM)) {
		/* A limit was hit and the error caught inside (or Lua's own memory message):
		** the call failed, and says which limit. */
		lua_settop(L, base);
		lua_pushstring(L, sandbox_trip_message(sb));
		status = LUA_ERRRUN;
	}
	if (status == LUA_OK && nresults > 0 && barrier_up(L)) {
		bool tables = false;
		for (int i = 0; i < nresults; i++)
			tables |= lua_type(L, base + 1 + i) == LUA_TTABLE;
		if (tables) {
			lua_pushcfunction(L, plain_results);
			lua_insert(L, base + 1);
			status = lua_pcall(L, nresults, nresults, base);
		}
	}
	lua_remove(L, base);
	if (status != LUA_OK && !lua_isstring(L, -1)) {
		lua_pop(L, 1);
		lua_pushstring(L, sandbox_trip_message(sb) ? sandbox_trip_message(sb) : "error");
	}
	return status;
}

/* }====== */

/* {====== Safe replacements for base functions */

/* Frozen tables raise this on assignment. */
static int frozen_newindex(lua_State *L)
{
	if (lua_type(L, 2) == LUA_TSTRING)
		return luaL_error(L, "cannot assign '%s': globals and libraries are read-only "
		                  "after a rule file loads (use a local)", lua_tostring(L, 2));
	return luaL_error(L, "cannot assign: this table is read-only");
}

static int safe_tostring(lua_State *L)
{
	luaL_checkany(L, 1);
	int t = lua_type(L, 1);
	bool plain = t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA ||
	             t == LUA_TTHREAD || t == LUA_TLIGHTUSERDATA;
	if (plain && luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) {
		/* Addresses differ run to run; the type name does not. */
		lua_pushstring(L, luaL_typename(L, 1));
		return 1;
	}
	if (plain)
		lua_pop(L, 1);
	luaL_tolstring(L, 1, NULL);
	return 1;
}

static void push_fields_table(lua_State *L, int idx);

/* A light userdata key no rule can make: marks a metatable that safe_setmetatable copied. */
static const char COPY_MARK = 0;

/*
** setmetatable(t, mt) sets a copy of mt as it is now, without __gc (a finalizer runs at a
** moment of the collector's choosing, with hooks off: cases 23, 24) and without __mode (a
** weak table shows when the collector ran, which depends on what the state did before:
** issue 16, item 7).  A copy, since either could be added to mt afterwards.  getmetatable(t)
** still gives mt (the copy's __metatable), and t's metatable may be set again.
*/
static int safe_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int t = lua_type(L, 2);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (t == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL)
		return luaL_error(L, "__gc metamethods are not allowed in rules");
	if (t == LUA_TTABLE && lua_getfield(L, 2, "__mode") != LUA_TNIL)
		return luaL_error(L, "weak tables (__mode) are not allowed in rules");
	lua_settop(L, 2);
	if (lua_getmetatable(L, 1)) {
		bool copied = lua_rawgetp(L, -1, &COPY_MARK) != LUA_TNIL;
		lua_pop(L, 2);
		if (!copied && luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
			return luaL_error(L, "cannot change a protected metatable");
	}
	lua_settop(L, 2);
	if (t == LUA_TTABLE) {
		lua_newtable(L);
		push_fields_table(L, 2); /* 4: mt may be behind the write barrier */
		lua_pushnil(L);
		while (lua_next(L, 4)) {
			lua_pushvalue(L, -2);
			lua_insert(L, -2);
			lua_rawset(L, 3);
		}
		lua_pop(L, 1);
		lua_pushliteral(L, "__metatable");
		if (lua_rawget(L, 3) == LUA_TNIL) {
			/* ours: getmetatable gives mt back, and a later setmetatable may replace it */
			lua_pushvalue(L, 2);
			lua_setfield(L, 3, "__metatable");
			lua_pushboolean(L, 1);
			lua_rawsetp(L, 3, &COPY_MARK);
		}
		lua_pop(L, 1);
		lua_replace(L, 2);
	}
	lua_setmetatable(L, 1);
	return 1;
}

static int safe_load(lua_State *L)
{
	size_t len;
	const char *code = luaL_checklstring(L, 1, &len);
	const char *mode = luaL_optstring(L, 3, "t");
	if (strchr(mode, 't') == NULL)
		return luaL_error(L, "load: binary chunks are not allowed in rules");
	luaL_checktype(L, 4, LUA_TTABLE);
	/* A fixed chunk name: a loaded chunk cannot pass itself off as a rule file. */
	if (luaL_loadbufferx(L, code, len, "=(load)", "t") != LUA_OK) {
		lua_pushnil(L);
		lua_insert(L, -2);
		return 2;
	}
	lua_pushvalue(L, 4);
	lua_setupvalue(L, -2, 1);
	return 1;
}

/* Refused whatever the option, counting too: memory in use depends on what the state did
** before (which pairs a worker made, when the collector ran), so a rule printing it made
** sites differ run to run (issue 16, item 7). */
static int safe_collectgarbage(lua_State *L)
{
	return luaL_error(L, "collectgarbage is not available to rules (memory in use differs "
	                  "from run to run)");
}

/* Sorted pairs: Lua's string hash is seeded per run, so next() order is not stable. */
typedef struct sort_key {
	int type;
	lua_Number num;
	const char *str;
	size_t len;
	int slot;
} sort_key;

/* Numbers, strings, booleans, then userdata the host can name (model views, by id); any
** other key (a table, a function) has only its address, which changes run to run. */
enum { RANK_NAMED = 3, RANK_ADDRESS = 4 };

static int type_rank(int t)
{
	return t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : t == LUA_TBOOLEAN ? 2
	     : t == LUA_TUSERDATA ? RANK_NAMED : RANK_ADDRESS;
}

static int cmp_sort_key(const void *pa, const void *pb)
{
	const sort_key *a = pa, *b = pb;
	int ra = type_rank(a->type), rb = type_rank(b->type);
	if (ra != rb)
		return ra - rb;
	if (a->type == LUA_TNUMBER)
		return a->num < b->num ? -1 : a->num > b->num ? 1 : 0;
	if (a->str) {
		size_t n = a->len < b->len ? a->len : b->len;
		int c = memcmp(a->str, b->str, n);
		return c ? c : (a->len < b->len ? -1 : a->len > b->len ? 1 : 0);
	}
	if (a->type == LUA_TBOOLEAN)
		return (int)a->num - (int)b->num;
	return a->slot - b->slot; /* tables as keys: no stable order exists; keep next()'s */
}

static int sorted_next(lua_State *L)
{
	/* upvalues: 1 = sorted keys, 2 = the table, 3 = position */
	lua_Integer i = lua_tointeger(L, lua_upvalueindex(3));
	for (;;) {
		i++;
		if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
			return 0;
		lua_pushvalue(L, -1);
		if (lua_rawget(L, lua_upvalueindex(2)) != LUA_TNIL)
			break;
		lua_pop(L, 2); /* removed while iterating */
	}
	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(3));
	return 2;
}

/* strict: a key with no stable order (see type_rank) is an error */
static void push_sorted_keys(lua_State *L, int idx, bool strict)
{
	idx = lua_absindex(L, idx);
	vs_sandbox *sb = sandbox_of(L);
	lua_Integer n = 0;
	lua_newtable(L); /* keys in next() order */
	int keys = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, keys, ++n);
	}
	sort_key *sk = lua_newuserdatauv(L, (size_t)(n ? n : 1) * sizeof *sk, 0);
	for (lua_Integer i = 1; i <= n; i++) {
		sort_key *k = &sk[i - 1];
		k->type = lua_rawgeti(L, keys, i);
		k->slot = (int)i;
		k->num = k->type == LUA_TNUMBER ? lua_tonumber(L, -1)
		       : k->type == LUA_TBOOLEAN ? lua_toboolean(L, -1) : 0;
		k->str = k->type == LUA_TSTRING ? lua_tolstring(L, -1, &k->len) : NULL;
		if (k->type == LUA_TUSERDATA && sb->key_text) {
			k->str = sb->key_text(L, -1);
			k->len = k->str ? strlen(k->str) : 0;
		}
		if (k->type == LUA_TUSERDATA && !k->str)
			k->type = LUA_TLIGHTUSERDATA; /* ranked by address */
		lua_pop(L, 1); /* the string stays alive in keys */
		if (strict && type_rank(k->type) == RANK_ADDRESS)
			luaL_error(L, "pairs: a table whose keys are tables or functions has no stable "
			           "order (the order would change run to run); keep a list");
	}
	qsort(sk, (size_t)n, sizeof *sk, cmp_sort_key);
	lua_createtable(L, (int)n, 0);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, keys, sk[i - 1].slot);
		lua_rawseti(L, -2, i);
	}
	lua_replace(L, keys);
	lua_pop(L, 1); /* the sort buffer */
}

static int track_newindex(lua_State *L);

/* Push the table whose fields the table at idx holds: its store when it is under a write
** barrier (sandbox_snapshot), else itself. */
/* Is the table at idx behind the write barrier? */
static bool is_tracked(lua_State *L, int idx)
{
	if (!lua_getmetatable(L, idx))
		return false;
	lua_pushliteral(L, "__newindex");
	bool tracked = lua_rawget(L, -2) == LUA_TFUNCTION && lua_tocfunction(L, -1) == track_newindex;
	lua_pop(L, 2);
	return tracked;
}

static void push_fields_table(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	if (lua_getmetatable(L, idx)) {
		lua_pushliteral(L, "__newindex");
		bool tracked = lua_rawget(L, -2) == LUA_TFUNCTION &&
		               lua_tocfunction(L, -1) == track_newindex;
		lua_pop(L, 1);
		if (tracked) {
			lua_pushliteral(L, "__index");
			lua_rawget(L, -2);
			lua_remove(L, -2);
			return;
		}
		lua_pop(L, 1);
	}
	lua_pushvalue(L, idx);
}

void sandbox_push_sorted_keys(lua_State *L, int idx)
{
	push_fields_table(L, idx);
	push_sorted_keys(L, -1, false);
	lua_remove(L, -2);
}

/* Push an iterator over the keys of the table at idx in sorted order. */
static void push_sorted_iterator(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	push_sorted_keys(L, idx, true);
	lua_pushvalue(L, idx);
	lua_pushinteger(L, 0);
	lua_pushcclosure(L, sorted_next, 3);
}

static int safe_pairs(lua_State *L)
{
	luaL_checkany(L, 1);
	if (luaL_getmetafield(L, 1, "__pairs") != LUA_TNIL) {
		lua_pushvalue(L, 1);
		lua_call(L, 1, 3);
		return 3;
	}
	luaL_checktype(L, 1, LUA_TTABLE);
	push_sorted_iterator(L, 1);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* rawget and rawlen on a table behind the write barrier read its store: what rule code
** wrote there is what it reads back, raw or not. */
static int safe_rawget(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	luaL_checkany(L, 2);
	lua_settop(L, 2);
	push_fields_table(L, 1);
	lua_pushvalue(L, 2);
	lua_rawget(L, -2);
	return 1;
}

static int safe_rawlen(lua_State *L)
{
	int t = lua_type(L, 1);
	luaL_argexpected(L, t == LUA_TTABLE || t == LUA_TSTRING, 1, "table or string");
	if (t == LUA_TTABLE)
		push_fields_table(L, 1);
	else
		lua_pushvalue(L, 1);
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, -1));
	return 1;
}

/* }====== */

/* {====== Size caps for C functions the hook cannot interrupt */

static int capped_rep(lua_State *L)
{
	size_t l, lsep = 0;
	luaL_checklstring(L, 1, &l);
	lua_Integer n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &lsep);
	if (n > 0 && ((lua_Unsigned)n > MAX_REP_BYTES ||
	              (double)n * (double)(l + lsep) > (double)MAX_REP_BYTES))
		return luaL_error(L, "string.rep: result too large (limit %d bytes)", (int)MAX_REP_BYTES);
	charge(L, n > 0 ? (double)n * (double)(l + lsep) / CHARGE_BYTES : 0);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Count the quantifiers of a Lua pattern that can backtrack. */
/*
** A bound on what one match may cost, refused above MAX_PATTERN_WORK: the hook cannot stop
** a C function, so the cost is judged before the call.  Each start position (one, when the
** pattern is anchored with ^) can try every split of the subject for each repeating
** quantifier (* + -), and each ? at most doubles that; every step compares up to the whole
** pattern.  Pessimistic, so that no pattern on a rule's short strings comes near it while
** a blow-up on a long subject (hardening.md case 31) is refused before it starts.
*/
static bool pattern_too_costly(size_t n, const char *pat, size_t plen)
{
	int repeat = 0, optional = 0;
	for (size_t i = 0; i < plen; i++) {
		if (pat[i] == '%') {
			i++;
			continue;
		}
		repeat += pat[i] == '*' || pat[i] == '+' || pat[i] == '-';
		optional += pat[i] == '?';
	}
	bool anchored = plen > 0 && pat[0] == '^';
	double base = (double)n + 1, work = (double)plen + 1;
	for (int i = 0; i < repeat + !anchored && work <= MAX_PATTERN_WORK; i++)
		work *= base;
	for (int i = 0; i < optional && work <= MAX_PATTERN_WORK; i++)
		work *= 2;
	return work > MAX_PATTERN_WORK;
}

enum { PATTERN_FIND = 1, PATTERN_GSUB = 2 };

static int capped_pattern(lua_State *L)
{
	size_t n, plen;
	luaL_checklstring(L, 1, &n);
	const char *pat = luaL_checklstring(L, 2, &plen);
	/* upvalue 2: which function (PATTERN_FIND, PATTERN_GSUB, else 0) */
	lua_Integer which = lua_tointeger(L, lua_upvalueindex(2));
	bool plain = lua_toboolean(L, 4) && which == PATTERN_FIND;
	if (!plain) {
		if (plen > MAX_PATTERN_LEN)
			return luaL_error(L, "pattern too long (limit %d bytes)", MAX_PATTERN_LEN);
		if (pattern_too_costly(n, pat, plen))
			return luaL_error(L, "pattern too costly on a %d-byte subject; use plain find or "
			                  "a simpler pattern", (int)n);
	}
	/* Matching tries each start position of the subject, and each try may step through
	** the whole pattern (a step costs about a quarter of an instruction): charged as the
	** product, so a comparator of table.sort matching 4 KB patterns against 4 KB subjects
	** pays 4 M a comparison.  A plain search is a memchr/memcmp scan. */
	charge(L, plain ? (double)n / CHARGE_BYTES : (double)(n + 1) * (double)(plen + 1) / 4);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	/* gsub builds its result as it goes: a replacement costs some instructions' time */
	if (which == PATTERN_GSUB && lua_type(L, 1) == LUA_TSTRING)
		charge(L, (double)lua_rawlen(L, 1) / CHARGE_BYTES +
		            (double)lua_tointeger(L, 2) * CHARGE_BYTES);
	return lua_gettop(L);
}

static int capped_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	if (e >= f && (lua_Unsigned)e - (lua_Unsigned)f >= MAX_MOVE_SPAN)
		return luaL_error(L, "table.move: range too large (limit %d)", MAX_MOVE_SPAN);
	charge(L, e >= f ? (double)e - (double)f : 0);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* table.insert, table.remove and table.sort shift or compare #t elements in one C call, and
** #t comes from __len: a rule can claim 2^40 elements and run for hours without allocating
** (hardening.md case 32).  The same for table.concat's range over a C __index. */
static lua_Integer capped_length(lua_State *L, const char *what)
{
	lua_Integer n = luaL_len(L, 1);
	if (n > MAX_MOVE_SPAN || n < 0)
		return luaL_error(L, "%s: table too long (limit %d elements)", what, MAX_MOVE_SPAN);
	charge(L, (double)n);
	return n;
}

static int call_original(lua_State *L, int nresults)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, nresults);
	return nresults == LUA_MULTRET ? lua_gettop(L) : nresults;
}

static int capped_insert(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	capped_length(L, "table.insert");
	return call_original(L, 0);
}

static int capped_remove(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	capped_length(L, "table.remove");
	return call_original(L, 1);
}

/* A comparator written in C runs no Lua instruction: each comparison is charged and the
** clock read, since one may be slow (a pattern match, a conversion of a long string). */
static int checked_compare(lua_State *L)
{
	lua_settop(L, 2);
	charge(L, CLOCK_EVERY);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, 2, 1);
	return 1;
}

static int capped_sort(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer n = capped_length(L, "table.sort");
	/* about n log n comparisons (the length was charged once) */
	charge(L, (double)n * log2((double)n + 1));
	if (lua_iscfunction(L, 2)) {
		lua_settop(L, 2);
		lua_pushcclosure(L, checked_compare, 1);
	}
	return call_original(L, 0);
}

static int capped_concat(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	lua_Integer i = luaL_optinteger(L, 3, 1);
	lua_Integer j = lua_isnoneornil(L, 4) ? capped_length(L, "table.concat")
	                                      : luaL_checkinteger(L, 4);
	if (j >= i && (lua_Unsigned)j - (lua_Unsigned)i >= MAX_MOVE_SPAN)
		return luaL_error(L, "table.concat: range too large (limit %d)", MAX_MOVE_SPAN);
	charge(L, j >= i ? (double)j - (double)i : 0);
	call_original(L, 1);
	charge(L, (double)lua_rawlen(L, -1) / CHARGE_BYTES);
	return 1;
}

/* string.upper, lower and reverse walk the whole subject (up to the memory cap). */
static int charged_whole_string(lua_State *L)
{
	size_t n;
	luaL_checklstring(L, 1, &n);
	charge(L, (double)n / CHARGE_BYTES);
	return call_original(L, 1);
}

/* string.format: no %p, and %s of a table, function or thread shows the type name, never
** an address (hardening.md case 13: output must not change run to run). */
static int safe_format(lua_State *L)
{
	size_t len;
	const char *fmt = luaL_checklstring(L, 1, &len);
	for (size_t i = 0; i + 1 < len; i++) {
		if (fmt[i] != '%')
			continue;
		size_t k = i + 1;
		while (k < len && strchr("-+ #0123456789.", fmt[k]))
			k++;
		if (k < len && fmt[k] == 'p')
			return luaL_error(L, "string.format: %%p is not allowed in rules");
		i = k;
	}
	int top = lua_gettop(L);
	for (int a = 2; a <= top; a++) {
		int t = lua_type(L, a);
		if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TTHREAD || t == LUA_TUSERDATA ||
		     t == LUA_TLIGHTUSERDATA) && luaL_getmetafield(L, a, "__tostring") == LUA_TNIL) {
			lua_pushstring(L, luaL_typename(L, a));
			lua_replace(L, a);
		} else if (t == LUA_TTABLE || t == LUA_TUSERDATA) {
			lua_pop(L, 1);
		}
	}
	return call_original(L, 1);
}

/* xpcall(f, h, ...): the handler runs after the stack has unwound, with hooks on.  Lua's own
** xpcall runs it at the error point, which for a budget error raised from the count hook is
** inside the hook, where hooks are off: a looping handler could never be stopped. */
static int safe_xpcall(lua_State *L)
{
	int n = lua_gettop(L);
	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushvalue(L, 1);
	for (int i = 3; i <= n; i++)
		lua_pushvalue(L, i);
	if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK) {
		lua_pushboolean(L, 1);
		lua_insert(L, n + 1);
		return lua_gettop(L) - n;
	}
	lua_pushvalue(L, 2);
	lua_insert(L, -2);
	if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
		/* the handler failed too: like xpcall, report that error */
	}
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

/* Replace t[name] (t at idx) by a closure of fn over the original (and an extra flag). */
static void wrap_field(lua_State *L, int idx, const char *name, lua_CFunction fn, int flag)
{
	idx = lua_absindex(L, idx);
	lua_getfield(L, idx, name);
	int n = 1;
	if (flag >= 0) {
		lua_pushinteger(L, flag);
		n = 2;
	}
	lua_pushcclosure(L, fn, n);
	lua_setfield(L, idx, name);
}

/* }====== */

/* {====== Building the base environment */

/* Remove every field of the table at idx (raw). */
static void clear_table(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, idx);
	}
}

/* Give the table at t a protected metatable through which reads reach the table at src and
** writes raise. */
static void read_through(lua_State *L, int t, int src)
{
	t = lua_absindex(L, t);
	src = lua_absindex(L, src);
	lua_createtable(L, 0, 3);
	lua_pushvalue(L, src);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, frozen_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, t);
}

/* Push a read-only proxy of the table at idx: reads pass through, writes raise. */
static void push_readonly(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);
	read_through(L, -1, idx);
}

/* Open a standard library, copy the fields rules may use into a fresh table, and store a
** read-only proxy of it in base[name].  Returns with the fresh table on the stack. */
static void add_library(lua_State *L, int base, const char *name, lua_CFunction open,
                        const char *const *drop)
{
	luaL_requiref(L, name, open, 0);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, -3)) {
		bool dropped = false;
		for (const char *const *d = drop; d && *d; d++)
			if (lua_type(L, -2) == LUA_TSTRING && strcmp(lua_tostring(L, -2), *d) == 0)
				dropped = true;
		if (dropped) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, -4);
	}
	lua_remove(L, -2);
	push_readonly(L, -1);
	lua_setfield(L, base, name);
}

/* The string library without dump, its costly functions capped, and the
** string metatable pointed at it (protected) for method calls. */
static void add_capped_string(lua_State *L, int base)
{
	static const char *const string_drop[] = {"dump", NULL};
	add_library(L, base, "string", luaopen_string, string_drop);
	int str = lua_gettop(L);
	wrap_field(L, str, "rep", capped_rep, -1);
	wrap_field(L, str, "find", capped_pattern, PATTERN_FIND);
	wrap_field(L, str, "match", capped_pattern, 0);
	wrap_field(L, str, "gmatch", capped_pattern, 0);
	wrap_field(L, str, "gsub", capped_pattern, PATTERN_GSUB);
	wrap_field(L, str, "format", safe_format, -1);
	wrap_field(L, str, "upper", charged_whole_string, -1);
	wrap_field(L, str, "lower", charged_whole_string, -1);
	wrap_field(L, str, "reverse", charged_whole_string, -1);
	/* Method calls on strings ("x"):rep() go through the string metatable: point it at the
	** capped table and protect it so no rule can patch it for the others. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushvalue(L, str);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 3);
}

/* The table library with its costly functions capped. */
static void add_capped_table(lua_State *L, int base)
{
	add_library(L, base, "table", luaopen_table, NULL);
	wrap_field(L, -1, "move", capped_move, -1);
	wrap_field(L, -1, "insert", capped_insert, -1);
	wrap_field(L, -1, "remove", capped_remove, -1);
	wrap_field(L, -1, "sort", capped_sort, -1);
	wrap_field(L, -1, "concat", capped_concat, -1);
	lua_pop(L, 1);
}

static int setup_base(lua_State *L)
{
	/* luaopen_base writes into the real global table; rules never see that table. */
	luaL_requiref(L, "_G", luaopen_base, 0);
	int g = lua_gettop(L);
	lua_newtable(L);
	int base = lua_gettop(L);

	/* Not next: its order follows Lua's per-run hash seed (pairs is sorted instead). */
	static const char *const keep[] = {
		"assert", "error", "getmetatable", "ipairs", "pcall", "rawequal", "select",
		"tonumber", "type", "_VERSION", NULL,
	};
	for (const char *const *k = keep; *k; k++) {
		lua_getfield(L, g, *k);
		lua_setfield(L, base, *k);
	}
	static const luaL_Reg own[] = {
		{"tostring", safe_tostring},
		{"setmetatable", safe_setmetatable},
		{"load", safe_load},
		{"collectgarbage", safe_collectgarbage},
		{"pairs", safe_pairs},
		{"rawget", safe_rawget},
		{"rawlen", safe_rawlen},
		{"xpcall", safe_xpcall},
		{NULL, NULL},
	};
	luaL_setfuncs(L, own, 0);

	add_capped_string(L, base);

	add_capped_table(L, base);
	static const char *const math_drop[] = {"random", "randomseed", NULL};
	add_library(L, base, "math", luaopen_math, math_drop);
	lua_pop(L, 1);
	add_library(L, base, "utf8", luaopen_utf8, NULL);
	lua_pop(L, 1);
	add_library(L, base, "coroutine", luaopen_coroutine, NULL);
	lua_pop(L, 1);

	/* Empty the real globals: a chunk that somehow ran with them would find nothing. */
	clear_table(L, g);
	lua_pushvalue(L, base);
	lua_setfield(L, LUA_REGISTRYINDEX, BASE_KEY);
	return 0;
}

static int panic(lua_State *L)
{
	const char *msg = lua_tostring(L, -1);
	fprintf(stderr, "versus: unprotected Lua error: %s\n", msg ? msg : "(not a string)");
	abort();
}

vs_sandbox *sandbox_new(long instructions, size_t memory, double seconds)
{
	sandbox_impl *im = xcalloc(1, sizeof *im);
	vs_sandbox *sb = &im->sb;
	sb->budget = instructions;
	sb->cap = memory;
	sb->seconds = seconds;
	sb->hook_every = HOOK_EVERY;
	sb->L = lua_newstate(sandbox_alloc, im);
	if (!sb->L) {
		free(im);
		return NULL;
	}
	lua_atpanic(sb->L, panic);
	/* Before any code runs, so every coroutine ever created inherits it. */
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	lua_pushcfunction(sb->L, setup_base);
	if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
		lua_close(sb->L);
		pool_release(im);
		free(im);
		return NULL;
	}
	return sb;
}

void sandbox_count_every_instruction(vs_sandbox *sb)
{
	sb->hook_every = 1;
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, 1);
}

void sandbox_free(vs_sandbox *sb)
{
	if (!sb)
		return;
	sandbox_impl *im = (sandbox_impl *)(void *)sb; /* sb is its first member */
	lua_close(sb->L);
	pool_release(im);
	free(im);
}

void sandbox_push_base(vs_sandbox *sb)
{
	lua_getfield(sb->L, LUA_REGISTRYINDEX, BASE_KEY);
}

void sandbox_freeze_env(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	/* Move every definition into a hidden table, so that env itself is empty and every
	** assignment, even to a name the file defined, reaches __newindex. */
	lua_newtable(L);
	int defs = lua_gettop(L);
	lua_newtable(L);
	int keys = lua_gettop(L);
	lua_Integer n = 0;
	lua_pushnil(L);
	while (lua_next(L, idx)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, defs);
		lua_pushvalue(L, -1);
		lua_rawseti(L, keys, ++n);
	}
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, keys, i);
		lua_pushnil(L);
		lua_rawset(L, idx);
	}
	lua_pop(L, 1); /* keys */
	/* defs reads through to the base */
	lua_createtable(L, 0, 2);
	lua_getfield(L, LUA_REGISTRYINDEX, BASE_KEY);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, defs);
	read_through(L, idx, defs);
	/* remembered for sandbox_flatten_envs */
	if (lua_getfield(L, LUA_REGISTRYINDEX, ENVS_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		lua_newtable(L);
		lua_pushvalue(L, -1);
		lua_setfield(L, LUA_REGISTRYINDEX, ENVS_KEY);
	}
	lua_pushvalue(L, defs);
	lua_rawseti(L, -2, (lua_Integer)lua_rawlen(L, -2) + 1);
	lua_pop(L, 2); /* the list, defs */
}

/* In a protected call: copy into every remembered definitions table the base globals it
** does not define itself. */
static int flatten_envs(lua_State *L)
{
	lua_getfield(L, LUA_REGISTRYINDEX, BASE_KEY); /* 1 */
	if (lua_getfield(L, LUA_REGISTRYINDEX, ENVS_KEY) != LUA_TTABLE) /* 2 */
		return 0;
	lua_Integer n = (lua_Integer)lua_rawlen(L, 2);
	for (lua_Integer i = 1; i <= n; i++) {
		lua_rawgeti(L, 2, i); /* 3: defs */
		lua_pushnil(L);
		while (lua_next(L, 1)) {
			lua_pushvalue(L, -2);
			if (lua_rawget(L, 3) == LUA_TNIL) {
				lua_pop(L, 1);
				lua_pushvalue(L, -2);
				lua_insert(L, -2);
				lua_rawset(L, 3); /* defs[key] = value; the key stays for lua_next */
			} else {
				lua_pop(L, 2);
			}
		}
		lua_pop(L, 1);
	}
	/* the list stays: sandbox_snapshot walks the definitions again after a warm-up */
	return 0;
}

void sandbox_flatten_envs(vs_sandbox *sb)
{
	lua_State *L = sb->L;
	int top = lua_gettop(L);
	lua_pushcfunction(L, flatten_envs);
	/* A failure (out of memory) leaves some names where they were: still found, one
	** lookup further away. */
	lua_pcall(L, 0, 0, 0);
	lua_settop(L, top);
}

/* }====== */

/* {====== State that does not outlive a pair */

/*
** A rule runs once per pair, and which pairs a worker state reports before this one depends
** on -j and on scheduling: anything a rule keeps from one pair to the next (a counter in an
** upvalue, a list in a file-level table, a coroutine or a gmatch iterator made at load) makes
** the site differ run to run (issue 16, item 7).  So once every file has loaded, the state
** rule code can change is recorded, and put back after each pair:
**   - every closure reachable from the roots: its upvalues' values;
**   - every table rule code can write: its fields and its metatable (a frozen proxy, the
**     base and what only a frozen proxy's metatable reaches are read-only: walked, not kept);
**   - userdata without a metatable (gmatch's state): its bytes;
**   - coroutines: reset now, so each pair finds them dead, not at another pair's yield.
** Views (userdata with a metatable) hold host data and never change from rule code.
** globals are frozen already (sandbox_freeze_env).
**
** Most recorded tables are a rule file's or a helper's locals (caches, constant lists), and
** a pair writes a handful of them, so comparing every field after every pair was a quarter
** of a page's work.  Those tables go behind a write barrier instead: their fields move to a
** store the table reads through (__index), the table itself stays empty, so every write
** reaches __newindex, which marks the store dirty before writing it; putting back rewrites
** the dirty stores only.  The metatable is protected (getmetatable gives false, setmetatable
** refuses) and rawset is absent, so no write can go around the barrier; # and pairs() read
** the store.  Tables that stay as they are, walked and compared after every pair: those
** with a metatable or used as one, and those the host can reach through tables only (the
** registered roots, the containers, the files' globals), since the host reads those raw.
*/
static const char SNAP_KEY[] = "versus.snapshot";

enum { WALK_CONTAINER = 1, WALK_WRITABLE = 2 };

typedef struct walk {
	lua_State *L;
	int seen, work, tables, closures, udata, upvalues;
	int fixed; /* tables that are not put behind a write barrier */
	lua_Integer n_work, n_tables, n_closures, n_udata;
} walk;

/* {------ The write barrier */

/* Set in the table at to every field of the table at from (raw). */
static void copy_fields(lua_State *L, int from, int to)
{
	from = lua_absindex(L, from);
	to = lua_absindex(L, to);
	lua_pushnil(L);
	while (lua_next(L, from)) {
		lua_pushvalue(L, -2);
		lua_insert(L, -2);
		lua_rawset(L, to);
	}
}

/* T[k] = v on a table behind the barrier.  Upvalues: 1 = the store, 2 = its entry {its copy
** at the snapshot, the copy's field count, the keys written in this pair}, 3 = the dirty set
** (store = entry), shared by every barrier of the state.  The first LOG_KEYS keys written
** are listed, so that putting back sets those keys only; after that, putting back compares
** the whole store (a list as long as the writes would count against the rules' memory). */
#define LOG_KEYS 32
static int track_newindex(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	if (lua_rawget(L, lua_upvalueindex(3)) == LUA_TNIL) {
		lua_pushvalue(L, lua_upvalueindex(1));
		lua_pushvalue(L, lua_upvalueindex(2));
		lua_rawset(L, lua_upvalueindex(3));
	}
	lua_settop(L, 3);
	lua_pushvalue(L, 2);
	lua_pushvalue(L, 3);
	lua_rawset(L, lua_upvalueindex(1)); /* first: a nil or NaN key raises, and is not listed */
	if (lua_rawgeti(L, lua_upvalueindex(2), 3) == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		if (n < LOG_KEYS) {
			lua_pushvalue(L, 2);
			lua_rawseti(L, -2, n + 1);
		} else {
			lua_pushboolean(L, 0); /* too many: compare the whole store */
			lua_rawseti(L, lua_upvalueindex(2), 3);
		}
	}
	return 0;
}

static int track_len(lua_State *L)
{
	lua_pushinteger(L, (lua_Integer)lua_rawlen(L, lua_upvalueindex(1)));
	return 1;
}

static int track_pairs(lua_State *L)
{
	lua_pushvalue(L, lua_upvalueindex(1));
	push_sorted_iterator(L, -1);
	lua_pushvalue(L, 1); /* the table, never the store: a rule must not reach the store */
	lua_pushnil(L);
	return 3;
}

/* Put the table at t (no metatable) behind the barrier; copy is its snapshot copy (n
** fields), dirty the dirty set, tracked the TRACKED_KEY list. */
static void track_table(lua_State *L, int t, int copy, lua_Integer n, int dirty, int tracked)
{
	lua_newtable(L);
	int store = lua_gettop(L);
	copy_fields(L, copy, store);
	lua_createtable(L, 3, 0);
	int entry = lua_gettop(L);
	lua_pushvalue(L, copy);
	lua_rawseti(L, entry, 1);
	lua_pushinteger(L, n);
	lua_rawseti(L, entry, 2);
	lua_createtable(L, LOG_KEYS, 0);
	lua_rawseti(L, entry, 3);
	clear_table(L, t);
	lua_createtable(L, 0, 5);
	lua_pushvalue(L, store);
	lua_setfield(L, -2, "__index");
	lua_pushvalue(L, store);
	lua_pushvalue(L, entry);
	lua_pushvalue(L, dirty);
	lua_pushcclosure(L, track_newindex, 3);
	lua_setfield(L, -2, "__newindex");
	lua_pushvalue(L, store);
	lua_pushcclosure(L, track_len, 1);
	lua_setfield(L, -2, "__len");
	lua_pushvalue(L, store);
	lua_pushcclosure(L, track_pairs, 1);
	lua_setfield(L, -2, "__pairs");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, t);
	lua_pop(L, 1); /* the entry */
	lua_Integer k = (lua_Integer)lua_rawlen(L, tracked);
	lua_pushvalue(L, t);
	lua_rawseti(L, tracked, k + 1);
	lua_rawseti(L, tracked, k + 2); /* the store */
}

/* Take every table out from behind the barrier, its fields as they are now: a new snapshot
** starts from plain tables. */
static void untrack_all(lua_State *L)
{
	if (lua_getfield(L, LUA_REGISTRYINDEX, TRACKED_KEY) != LUA_TTABLE) {
		lua_pop(L, 1);
		return;
	}
	int tracked = lua_gettop(L);
	lua_Integer n = (lua_Integer)lua_rawlen(L, tracked);
	for (lua_Integer i = 1; i + 1 <= n; i += 2) {
		lua_rawgeti(L, tracked, i);
		lua_rawgeti(L, tracked, i + 1);
		lua_pushnil(L);
		lua_setmetatable(L, -3);
		copy_fields(L, -1, -2);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
	lua_pushnil(L);
	lua_setfield(L, LUA_REGISTRYINDEX, TRACKED_KEY);
}

/* Mark fixed the table at the top (popped) and every table reachable from it through
** fields and metatables. */
static void fix_reachable(walk *w)
{
	lua_State *L = w->L;
	luaL_checkstack(L, 8, NULL);
	lua_newtable(L);
	lua_insert(L, -2);
	int todo = lua_gettop(L) - 1;
	lua_rawseti(L, todo, 1);
	lua_Integer n = 1;
	while (n > 0) {
		lua_rawgeti(L, todo, n);
		lua_pushnil(L);
		lua_rawseti(L, todo, n--);
		int t = lua_gettop(L);
		lua_pushvalue(L, t);
		bool was = lua_rawget(L, w->fixed) != LUA_TNIL;
		lua_pop(L, 1);
		if (lua_type(L, t) != LUA_TTABLE || was) {
			lua_pop(L, 1);
			continue;
		}
		lua_pushvalue(L, t);
		lua_pushboolean(L, 1);
		lua_rawset(L, w->fixed);
		if (lua_getmetatable(L, t))
			lua_rawseti(L, todo, ++n);
		lua_pushnil(L);
		while (lua_next(L, t)) {
			if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pushvalue(L, -1);
				lua_rawseti(L, todo, ++n);
			}
			lua_pop(L, 1);
			if (lua_type(L, -1) == LUA_TTABLE) {
				lua_pushvalue(L, -1);
				lua_rawseti(L, todo, ++n);
			}
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
}

/* After the walk: put behind the barrier every recorded table that is not fixed, and keep
** in the tables list only the others.  Leaves the dirty set in the snapshot's slot 4. */
static void track_tables(walk *w, int snap)
{
	lua_State *L = w->L;
	luaL_checkstack(L, 16, NULL);
	lua_newtable(L);
	int dirty = lua_gettop(L);
	lua_newtable(L);
	int tracked = lua_gettop(L);
	lua_newtable(L);
	int kept = lua_gettop(L);
	lua_Integer n_kept = 0;
	for (lua_Integer i = 1; i <= w->n_tables; i += 4) {
		lua_rawgeti(L, w->tables, i);
		int t = lua_gettop(L);
		lua_rawgeti(L, w->tables, i + 1);
		lua_pushvalue(L, t);
		bool fixed = lua_rawget(L, w->fixed) != LUA_TNIL;
		lua_pop(L, 1);
		lua_rawgeti(L, w->tables, i + 3);
		bool has_mt = lua_toboolean(L, -1);
		lua_Integer n = (lua_rawgeti(L, w->tables, i + 2), lua_tointeger(L, -1));
		lua_pop(L, 2);
		if (!fixed && !has_mt) {
			track_table(L, t, t + 1, n, dirty, tracked);
		} else {
			for (int k = 0; k < 4; k++) {
				lua_rawgeti(L, w->tables, i + k);
				lua_rawseti(L, kept, ++n_kept);
			}
		}
		lua_settop(L, kept);
	}
	lua_pushvalue(L, kept);
	lua_replace(L, w->tables);
	w->n_tables = n_kept;
	lua_pushvalue(L, tracked);
	lua_setfield(L, LUA_REGISTRYINDEX, TRACKED_KEY);
	lua_pushvalue(L, dirty);
	lua_rawseti(L, snap, 4);
	lua_settop(L, dirty - 1);
}

/* }------ */

static bool is_frozen_proxy(lua_State *L, int idx)
{
	if (!lua_getmetatable(L, idx))
		return false;
	lua_pushliteral(L, "__newindex");
	lua_rawget(L, -2);
	bool frozen = lua_tocfunction(L, -1) == frozen_newindex;
	lua_pop(L, 2);
	return frozen;
}

/* Queue the value at the top (popped) to be walked in mode, unless seen in that mode. */
static void walk_push(walk *w, int mode)
{
	lua_State *L = w->L;
	int t = lua_type(L, -1);
	if (t != LUA_TTABLE && t != LUA_TFUNCTION && t != LUA_TUSERDATA && t != LUA_TTHREAD) {
		lua_pop(L, 1);
		return;
	}
	lua_pushvalue(L, -1);
	int was = (int)lua_tointeger(L, (lua_rawget(L, w->seen), -1));
	lua_pop(L, 1);
	if (was >= mode) {
		lua_pop(L, 1);
		return;
	}
	lua_pushvalue(L, -1);
	lua_pushinteger(L, mode);
	lua_rawset(L, w->seen);
	lua_rawseti(L, w->work, ++w->n_work);
	lua_pushinteger(L, mode);
	lua_rawseti(L, w->work, ++w->n_work);
}

static void walk_table(walk *w, int t, int mode)
{
	lua_State *L = w->L;
	bool frozen = is_frozen_proxy(L, t);
	if (frozen) {
		/* read-only: what it reads through to is a container of values rule code gets */
		lua_getmetatable(L, t);
		lua_pushliteral(L, "__index");
		lua_rawget(L, -2);
		lua_remove(L, -2);
		walk_push(w, WALK_CONTAINER);
	}
	lua_Integer n = 0;
	if (mode == WALK_WRITABLE && !frozen)
		lua_newtable(L); /* the copy */
	int copy = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, t)) {
		n++;
		if (mode == WALK_WRITABLE && !frozen) {
			lua_pushvalue(L, -2);
			lua_pushvalue(L, -2);
			lua_rawset(L, copy);
		}
		lua_pushvalue(L, -2);
		walk_push(w, WALK_WRITABLE);
		walk_push(w, WALK_WRITABLE);
	}
	if (mode == WALK_WRITABLE && !frozen) {
		/* tables list: T, copy, field count, metatable or false */
		lua_pushvalue(L, t);
		lua_rawseti(L, w->tables, ++w->n_tables);
		lua_rawseti(L, w->tables, ++w->n_tables);
		lua_pushinteger(L, n);
		lua_rawseti(L, w->tables, ++w->n_tables);
		if (!lua_getmetatable(L, t))
			lua_pushboolean(L, 0);
		lua_rawseti(L, w->tables, ++w->n_tables);
	}
	if (!frozen && lua_getmetatable(L, t)) {
		/* a metatable is read raw by Lua itself: never behind the barrier */
		lua_pushvalue(L, -1);
		lua_pushboolean(L, 1);
		lua_rawset(L, w->fixed);
		walk_push(w, WALK_WRITABLE);
	}
}

static void walk_function(walk *w, int f)
{
	lua_State *L = w->L;
	for (int i = 1; lua_getupvalue(L, f, i); i++) {
		/* An upvalue shared by several closures (a file's locals) is kept once. */
		void *id = lua_upvalueid(L, f, i);
		if (lua_rawgetp(L, w->upvalues, id) != LUA_TNIL) {
			lua_pop(L, 2);
			continue;
		}
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
		lua_rawsetp(L, w->upvalues, id);
		/* closures list: f, the upvalue's index, its value (nil leaves a hole: read as nil) */
		lua_pushvalue(L, f);
		lua_rawseti(L, w->closures, ++w->n_closures);
		lua_pushinteger(L, i);
		lua_rawseti(L, w->closures, ++w->n_closures);
		lua_pushvalue(L, -1);
		lua_rawseti(L, w->closures, ++w->n_closures);
		walk_push(w, WALK_WRITABLE);
	}
}

static void walk_other(walk *w, int o)
{
	lua_State *L = w->L;
	if (lua_type(L, o) == LUA_TTHREAD) {
		lua_State *co = lua_tothread(L, o);
		if (co != L && (lua_status(co) == LUA_YIELD || lua_gettop(co) > 0))
			lua_resetthread(co);
		return;
	}
	if (lua_getmetatable(L, o)) {
		lua_pop(L, 1); /* a view: host data */
		return;
	}
	/* udata list: the userdata and its bytes */
	lua_pushvalue(L, o);
	lua_rawseti(L, w->udata, ++w->n_udata);
	lua_pushlstring(L, lua_touserdata(L, o), lua_rawlen(L, o));
	lua_rawseti(L, w->udata, ++w->n_udata);
}

/* Mark fixed what the host reads raw: what the roots (at 1), the containers (at 2) and the
** files' globals reach through tables. */
static void fix_host_read(walk *w)
{
	lua_State *L = w->L;
	for (int list = 1; list <= 2; list++) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, list);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, list, i);
			fix_reachable(w);
		}
	}
	if (lua_getfield(L, LUA_REGISTRYINDEX, ENVS_KEY) == LUA_TTABLE)
		fix_reachable(w);
	else
		lua_pop(L, 1);
}

/* The walk's first entries: the base (read-only) marked seen, every rule file's
** definitions and the containers (stack slot 2) as containers, the roots (slot 1) as
** writable. */
static void seed_walk(walk *w)
{
	lua_State *L = w->L;
	/* the base is read-only and holds only libraries, views and the host's functions; a
	** flattened definitions table holds copies of its values */
	lua_getfield(L, LUA_REGISTRYINDEX, BASE_KEY);
	int base = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, base)) {
		lua_pushinteger(L, WALK_WRITABLE);
		lua_rawset(L, w->seen);
	}
	lua_pushinteger(L, WALK_WRITABLE);
	lua_rawset(L, w->seen);
	/* every rule file's definitions (frozen, so read-only) */
	if (lua_getfield(L, LUA_REGISTRYINDEX, ENVS_KEY) == LUA_TTABLE) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, -1, i);
			walk_push(w, WALK_CONTAINER);
		}
	}
	lua_pop(L, 1);
	for (int list = 1; list <= 2; list++) {
		lua_Integer n = (lua_Integer)lua_rawlen(L, list);
		for (lua_Integer i = 1; i <= n; i++) {
			lua_rawgeti(L, list, i);
			walk_push(w, list == 1 ? WALK_WRITABLE : WALK_CONTAINER);
		}
	}
}

/* Walks every value reachable from the entries until the work list is empty. */
static void walk_all(walk *w)
{
	lua_State *L = w->L;
	while (w->n_work > 0) {
		lua_rawgeti(L, w->work, w->n_work - 1);
		int mode = (int)(lua_rawgeti(L, w->work, w->n_work), lua_tointeger(L, -1));
		lua_pop(L, 1);
		lua_pushnil(L);
		lua_rawseti(L, w->work, w->n_work--);
		lua_pushnil(L);
		lua_rawseti(L, w->work, w->n_work--);
		int o = lua_gettop(L);
		switch (lua_type(L, o)) {
		case LUA_TTABLE: walk_table(w, o, mode); break;
		case LUA_TFUNCTION: walk_function(w, o); break;
		default: walk_other(w, o); break;
		}
		lua_settop(L, o - 1);
	}
}

/* In a protected call: 1 = the roots (rule code may write them), 2 = containers (only
** their contents are reachable), 3 = the sandbox. */
static int take_snapshot(lua_State *L)
{
	vs_sandbox *sb = lua_touserdata(L, 3);
	untrack_all(L);
	walk w = {.L = L};
	lua_newtable(L);
	w.fixed = lua_gettop(L);
	lua_newtable(L);
	w.seen = lua_gettop(L);
	lua_newtable(L);
	w.work = lua_gettop(L);
	lua_createtable(L, 3, 0);
	int snap = lua_gettop(L);
	lua_newtable(L);
	w.tables = lua_gettop(L);
	lua_newtable(L);
	w.closures = lua_gettop(L);
	lua_newtable(L);
	w.udata = lua_gettop(L);
	lua_newtable(L);
	w.upvalues = lua_gettop(L);
	seed_walk(&w);
	walk_all(&w);
	fix_host_read(&w);
	track_tables(&w, snap);
	lua_pushvalue(L, w.tables);
	lua_rawseti(L, snap, 1);
	lua_pushvalue(L, w.closures);
	lua_rawseti(L, snap, 2);
	lua_pushvalue(L, w.udata);
	lua_rawseti(L, snap, 3);
	lua_pushvalue(L, snap);
	lua_setfield(L, LUA_REGISTRYINDEX, SNAP_KEY);
	sb->snap_tables = w.n_tables;
	sb->snap_closures = w.n_closures;
	sb->snap_udata = w.n_udata;
	return 0;
}

bool sandbox_snapshot(vs_sandbox *sb, int roots, int containers)
{
	lua_State *L = sb->L;
	roots = lua_absindex(L, roots);
	containers = lua_absindex(L, containers);
	int top = lua_gettop(L);
	lua_pushcfunction(L, take_snapshot);
	lua_pushvalue(L, roots);
	lua_pushvalue(L, containers);
	lua_pushlightuserdata(L, sb);
	/* Armed: resetting a coroutine runs its pending __close handlers, which are rule code. */
	sandbox_arm(sb);
	sb->mem_armed = false;
	int status = lua_pcall(L, 3, 0, 0);
	sandbox_disarm(sb);
	lua_settop(L, top);
	return status == LUA_OK;
}

/* Give the table at t the n fields of the table at copy again.  Fields added since (a cache
** filling up) are removed one by one; a field changed or removed means a rewrite of the
** whole table.  extra is an empty list to use while at it. */
static void put_back_fields(lua_State *L, int t, int copy, lua_Integer n, int extra)
{
	bool changed = false;
	lua_Integer added = 0, seen = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pushvalue(L, -2);
		int was = lua_rawget(L, copy);
		bool eq = lua_rawequal(L, -1, -2);
		lua_pop(L, 2);
		if (was == LUA_TNIL) {
			lua_pushvalue(L, -1);
			lua_rawseti(L, extra, ++added);
		} else if (eq) {
			seen++;
		} else {
			changed = true;
			lua_pop(L, 1);
			break;
		}
	}
	if (changed || seen != n) {
		clear_table(L, t);
		copy_fields(L, copy, t);
	} else {
		for (lua_Integer k = 1; k <= added; k++) {
			lua_rawgeti(L, extra, k);
			lua_pushnil(L);
			lua_rawset(L, t);
		}
	}
	for (lua_Integer k = 1; k <= added; k++) {
		lua_pushnil(L);
		lua_rawseti(L, extra, k);
	}
}

/* Put back every store written since the snapshot, and empty the dirty set. */
static void put_back_dirty(lua_State *L, int snap, int extra)
{
	if (lua_rawgeti(L, snap, 4) != LUA_TTABLE) {
		lua_pop(L, 1);
		return;
	}
	int dirty = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, dirty)) {
		int entry = lua_gettop(L), store = entry - 1;
		lua_rawgeti(L, entry, 1); /* the copy */
		int copy = entry + 1;
		if (lua_rawgeti(L, entry, 3) == LUA_TTABLE) {
			/* the keys written: each gets the copy's value (nil: not in the copy) */
			int log = copy + 1;
			lua_Integer n = (lua_Integer)lua_rawlen(L, log);
			for (lua_Integer i = 1; i <= n; i++) {
				lua_rawgeti(L, log, i);
				lua_pushvalue(L, -1);
				lua_rawget(L, copy);
				lua_rawset(L, store);
				lua_pushnil(L);
				lua_rawseti(L, log, i);
			}
		} else {
			lua_Integer n = (lua_rawgeti(L, entry, 2), lua_tointeger(L, -1));
			lua_pop(L, 1);
			put_back_fields(L, store, copy, n, extra);
			lua_createtable(L, LOG_KEYS, 0);
			lua_rawseti(L, entry, 3);
		}
		lua_settop(L, store);
		lua_pushvalue(L, store);
		lua_pushnil(L);
		lua_rawset(L, dirty); /* clearing a field during lua_next is allowed */
	}
	lua_pop(L, 1);
}

/* Each table of the snapshot (snap[1]: T, its copy, its length, its metatable) gets
** its fields and its metatable back. */
static void put_back_tables(lua_State *L, int snap, lua_Integer n_entries, int extra)
{
	lua_rawgeti(L, snap, 1);
	int tables = lua_gettop(L);
	for (lua_Integer i = 1; i <= n_entries; i += 4) {
		lua_rawgeti(L, tables, i);     /* T */
		lua_rawgeti(L, tables, i + 1); /* its copy */
		int t = lua_gettop(L) - 1, copy = t + 1;
		lua_Integer n = (lua_rawgeti(L, tables, i + 2), lua_tointeger(L, -1));
		lua_pop(L, 1);
		put_back_fields(L, t, copy, n, extra);
		lua_rawgeti(L, tables, i + 3); /* the metatable, or false */
		if (!lua_getmetatable(L, t))
			lua_pushboolean(L, 0);
		if (!lua_rawequal(L, -1, -2)) {
			lua_pop(L, 1);
			if (!lua_toboolean(L, -1)) {
				lua_pop(L, 1);
				lua_pushnil(L);
			}
			lua_setmetatable(L, t);
		}
		lua_settop(L, tables);
	}
	lua_pop(L, 1);
}

/* Each closure's upvalue of the snapshot (snap[2]: F, the upvalue's index, its value). */
static void put_back_upvalues(lua_State *L, int snap, lua_Integer n_entries)
{
	lua_rawgeti(L, snap, 2);
	int clos = lua_gettop(L);
	for (lua_Integer i = 1; i <= n_entries; i += 3) {
		lua_rawgeti(L, clos, i);
		int f = lua_gettop(L);
		int k = (int)(lua_rawgeti(L, clos, i + 1), lua_tointeger(L, -1));
		lua_pop(L, 1);
		lua_getupvalue(L, f, k);
		lua_rawgeti(L, clos, i + 2);
		if (!lua_rawequal(L, -1, -2))
			lua_setupvalue(L, f, k);
		lua_settop(L, f - 1);
	}
	lua_pop(L, 1);
}

/* Each full userdata's bytes of the snapshot (snap[3]: U, its bytes). */
static void put_back_userdata(lua_State *L, int snap, lua_Integer n_entries)
{
	lua_rawgeti(L, snap, 3);
	int ud = lua_gettop(L);
	for (lua_Integer i = 1; i <= n_entries; i += 2) {
		lua_rawgeti(L, ud, i);
		lua_rawgeti(L, ud, i + 1);
		size_t len;
		const char *bytes = lua_tolstring(L, -1, &len);
		void *p = lua_touserdata(L, -2);
		/* always copied: the state may hold bytes never written (memcmp would read them) */
		if (len == lua_rawlen(L, -2))
			memcpy(p, bytes, len);
		lua_pop(L, 2);
	}
	lua_pop(L, 1);
}

/* In a protected call (writing a field back may allocate): see sandbox_restore. */
static int put_back(lua_State *L)
{
	vs_sandbox *sb = lua_touserdata(L, 1);
	if (lua_getfield(L, LUA_REGISTRYINDEX, SNAP_KEY) != LUA_TTABLE)
		return 0;
	int snap = lua_gettop(L);
	lua_newtable(L);
	int extra = lua_gettop(L); /* the keys a table gained, while one is looked at */
	put_back_tables(L, snap, sb->snap_tables, extra);
	put_back_upvalues(L, snap, sb->snap_closures);
	put_back_userdata(L, snap, sb->snap_udata);
	put_back_dirty(L, snap, extra);
	return 0;
}

void sandbox_restore(vs_sandbox *sb)
{
	lua_State *L = sb->L;
	int top = lua_gettop(L);
	lua_pushcfunction(L, put_back);
	lua_pushlightuserdata(L, sb);
	if (lua_pcall(L, 1, 0, 0) != LUA_OK)
		sb->restore_failed = true;
	lua_settop(L, top);
}

/* }====== */
