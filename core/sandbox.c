/*
** sandbox.c — the Lua state rules run in.
**
** {====== What closes which hole (numbers are cases of shared/notes/hardening.md)
**   libraries     only base/string/table/math/utf8/coroutine are opened, and rules see them
**                 through read-only proxies; io/os/package/debug/require/dofile/loadfile are
**                 never reachable (1, 5, 12, 16)
**   bytecode      load() takes text only and needs an explicit environment (2, 10);
**                 string.dump is not in the string table rules see (3)
**   metatables    the string metatable is protected (4); setmetatable refuses __gc (23, 24);
**                 rawset is absent, so read-only proxies hold (6)
**   CPU           a count hook installed at state creation, before any code runs, so every
**                 coroutine inherits it (21); one counter per state (22); once tripped the
**                 hook fires on every instruction, so pcall and __close cannot swallow the
**                 error (19, 20); a wall-clock check in the same hook backs it (32)
**   C calls       string.rep, pattern matching and table.move are capped by size (31, 32)
**   memory        a counting allocator; the cap applies only while rule code runs and is
**                 re-based per call (25–28)
**   determinism   pairs() over plain tables visits keys in sorted order (46); tostring never
**                 shows addresses (13); math.random is absent (14)
** }======
*/
#include "sandbox.h"

#include <lauxlib.h>
#include <lualib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define HOOK_EVERY 1000           /* instructions between budget checks */
#define HEADROOM (256u * 1024u)   /* what the message handler may use over the cap */
#define MAX_REP_BYTES (16u * 1024u * 1024u)
#define MAX_MOVE_SPAN 10000000
#define MAX_PATTERN_WORK 1e9      /* subject length ^ (quantifiers + 1) */
#define MAX_PATTERN_LEN 4096

static const char BASE_KEY[] = "versus.base";

/* {====== Allocator */

static void *sandbox_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	vs_sandbox *sb = ud;
	/* With ptr == NULL, osize encodes the object kind, not a size. */
	size_t old = ptr ? osize : 0;
	if (nsize == 0) {
		free(ptr);
		sb->used -= old;
		return NULL;
	}
	if (nsize > old && sb->mem_armed) {
		size_t limit = sb->limit + (sb->headroom ? HEADROOM : 0);
		if (sb->used - old + nsize > limit) {
			if (sb->trip == VS_TRIP_NONE)
				sb->trip = VS_TRIP_MEMORY;
			return NULL;
		}
	}
	void *p = realloc(ptr, nsize);
	if (!p)
		return NULL;
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
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(t->tv_sec - now.tv_sec) + (double)(t->tv_nsec - now.tv_nsec) / 1e9;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	vs_sandbox *sb = sandbox_of(L);
	if (!sb->armed)
		return;
	if (sb->trip == VS_TRIP_NONE) {
		sb->spent += HOOK_EVERY;
		if (sb->spent > sb->budget)
			sb->trip = VS_TRIP_INSTRUCTIONS;
		else if (seconds_until(&sb->deadline) < 0)
			sb->trip = VS_TRIP_TIME;
	}
	if (sb->trip != VS_TRIP_NONE) {
		/* Sticky: from now on every instruction of this thread raises again. */
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
		luaL_error(L, "%s", sandbox_trip_message(sb));
	}
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
	sb->err_where[0] = '\0';
	clock_gettime(CLOCK_MONOTONIC, &sb->deadline);
	double whole = floor(sb->seconds);
	sb->deadline.tv_sec += (time_t)whole;
	sb->deadline.tv_nsec += (long)((sb->seconds - whole) * 1e9);
	if (sb->deadline.tv_nsec >= 1000000000L) {
		sb->deadline.tv_sec++;
		sb->deadline.tv_nsec -= 1000000000L;
	}
	sb->limit = sb->used + sb->cap;
	sb->mem_armed = true;
	sb->armed = true;
}

void sandbox_disarm(vs_sandbox *sb)
{
	sb->armed = false;
	sb->mem_armed = false;
	sb->headroom = false;
	/* The main thread may have been switched to count 1 by a trip. */
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
}

/* }====== */

/* {====== Error messages */

/* Drop a leading "chunk:line: " that Lua adds, since we report the place separately. */
static const char *strip_position(const char *msg)
{
	const char *p = msg;
	while (*p && *p != ':' && *p != ' ')
		p++;
	if (*p != ':' || !(p[1] >= '0' && p[1] <= '9'))
		return msg;
	p++;
	while (*p >= '0' && *p <= '9')
		p++;
	return (p[0] == ':' && p[1] == ' ') ? p + 2 : msg;
}

static int message_handler(lua_State *L)
{
	vs_sandbox *sb = sandbox_of(L);
	sb->headroom = true;
	lua_Debug ar;
	sb->err_where[0] = '\0';
	for (int level = 1; lua_getstack(L, level, &ar); level++) {
		if (!lua_getinfo(L, "Sl", &ar))
			break;
		if (ar.currentline > 0 && ar.source[0] == '@') {
			snprintf(sb->err_where, sizeof sb->err_where, "%s:%d", ar.source + 1,
			         ar.currentline);
			break;
		}
	}
	const char *trip = sandbox_trip_message(sb);
	if (trip) {
		lua_pushstring(L, trip);
	} else {
		/* Never call __tostring on an error object: it could error or loop again. */
		switch (lua_type(L, 1)) {
		case LUA_TSTRING:
			lua_pushstring(L, strip_position(lua_tostring(L, 1)));
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

int sandbox_pcall(vs_sandbox *sb, int nargs, int nresults)
{
	lua_State *L = sb->L;
	int base = lua_gettop(L) - nargs;
	lua_pushcfunction(L, message_handler);
	lua_insert(L, base);
	sandbox_arm(sb);
	int status = lua_pcall(L, nargs, nresults, base);
	sandbox_disarm(sb);
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

static int safe_setmetatable(lua_State *L)
{
	luaL_checktype(L, 1, LUA_TTABLE);
	int t = lua_type(L, 2);
	luaL_argexpected(L, t == LUA_TNIL || t == LUA_TTABLE, 2, "nil or table");
	if (t == LUA_TTABLE && lua_getfield(L, 2, "__gc") != LUA_TNIL)
		return luaL_error(L, "__gc metamethods are not allowed in rules");
	if (t == LUA_TTABLE)
		lua_pop(L, 1);
	if (luaL_getmetafield(L, 1, "__metatable") != LUA_TNIL)
		return luaL_error(L, "cannot change a protected metatable");
	lua_settop(L, 2);
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

static int safe_collectgarbage(lua_State *L)
{
	const char *opt = luaL_optstring(L, 1, "count");
	if (strcmp(opt, "count") != 0)
		return luaL_error(L, "collectgarbage: only \"count\" is allowed in rules");
	int kb = lua_gc(L, LUA_GCCOUNT, 0), b = lua_gc(L, LUA_GCCOUNTB, 0);
	lua_pushnumber(L, (lua_Number)kb + (lua_Number)b / 1024);
	return 1;
}

/* Sorted pairs: Lua's string hash is seeded per run, so next() order is not stable. */
typedef struct sort_key {
	int type;
	lua_Number num;
	const char *str;
	size_t len;
	int slot;
} sort_key;

static int type_rank(int t)
{
	return t == LUA_TNUMBER ? 0 : t == LUA_TSTRING ? 1 : t == LUA_TBOOLEAN ? 2 : 3;
}

static int cmp_sort_key(const void *pa, const void *pb)
{
	const sort_key *a = pa, *b = pb;
	int ra = type_rank(a->type), rb = type_rank(b->type);
	if (ra != rb)
		return ra - rb;
	if (a->type == LUA_TNUMBER)
		return a->num < b->num ? -1 : a->num > b->num ? 1 : 0;
	if (a->type == LUA_TSTRING) {
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

void sandbox_push_sorted_keys(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
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
		lua_pop(L, 1); /* the string stays alive in keys */
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

/* Push an iterator over the keys of the table at idx in sorted order. */
static void push_sorted_iterator(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	sandbox_push_sorted_keys(L, idx);
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
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Count the quantifiers of a Lua pattern that can backtrack. */
static int pattern_quantifiers(const char *p, size_t len)
{
	int q = 0;
	for (size_t i = 0; i < len; i++) {
		if (p[i] == '%') {
			i++;
			continue;
		}
		if (p[i] == '*' || p[i] == '+' || p[i] == '-' || p[i] == '?')
			q++;
	}
	return q;
}

static int capped_pattern(lua_State *L)
{
	size_t n, plen;
	luaL_checklstring(L, 1, &n);
	const char *pat = luaL_checklstring(L, 2, &plen);
	bool plain = lua_toboolean(L, 4) && lua_toboolean(L, lua_upvalueindex(2));
	if (!plain) {
		if (plen > MAX_PATTERN_LEN)
			return luaL_error(L, "pattern too long (limit %d bytes)", MAX_PATTERN_LEN);
		int q = pattern_quantifiers(pat, plen);
		if (q > 0 && pow((double)n + 1, q + 1) > MAX_PATTERN_WORK)
			return luaL_error(L, "pattern with %d quantifiers is too costly on a %d-byte "
			                  "subject; use plain find or a simpler pattern", q, (int)n);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static int capped_move(lua_State *L)
{
	lua_Integer f = luaL_checkinteger(L, 2), e = luaL_checkinteger(L, 3);
	if (e >= f && (lua_Unsigned)e - (lua_Unsigned)f >= MAX_MOVE_SPAN)
		return luaL_error(L, "table.move: range too large (limit %d)", MAX_MOVE_SPAN);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

/* Replace t[name] (t at idx) by a closure of fn over the original (and an extra flag). */
static void wrap_field(lua_State *L, int idx, const char *name, lua_CFunction fn, int flag)
{
	idx = lua_absindex(L, idx);
	lua_getfield(L, idx, name);
	int n = 1;
	if (flag >= 0) {
		lua_pushboolean(L, flag);
		n = 2;
	}
	lua_pushcclosure(L, fn, n);
	lua_setfield(L, idx, name);
}

/* }====== */

/* {====== Building the base environment */

/* Push a read-only proxy of the table at idx: reads pass through, writes raise. */
static void push_readonly(lua_State *L, int idx)
{
	idx = lua_absindex(L, idx);
	lua_newtable(L);
	lua_createtable(L, 0, 3);
	lua_pushvalue(L, idx);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, frozen_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, -2);
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

static int setup_base(lua_State *L)
{
	/* luaopen_base writes into the real global table; rules never see that table. */
	luaL_requiref(L, "_G", luaopen_base, 0);
	int g = lua_gettop(L);
	lua_newtable(L);
	int base = lua_gettop(L);

	static const char *const keep[] = {
		"assert", "error", "getmetatable", "ipairs", "next", "pcall", "rawequal", "rawget",
		"rawlen", "select", "tonumber", "type", "xpcall", "_VERSION", NULL,
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
		{NULL, NULL},
	};
	luaL_setfuncs(L, own, 0);

	static const char *const string_drop[] = {"dump", NULL};
	add_library(L, base, "string", luaopen_string, string_drop);
	int str = lua_gettop(L);
	wrap_field(L, str, "rep", capped_rep, -1);
	wrap_field(L, str, "find", capped_pattern, 1);
	wrap_field(L, str, "match", capped_pattern, 0);
	wrap_field(L, str, "gmatch", capped_pattern, 0);
	wrap_field(L, str, "gsub", capped_pattern, 0);
	/* Method calls on strings ("x"):rep() go through the string metatable: point it at the
	** capped table and protect it so no rule can patch it for the others. */
	lua_pushliteral(L, "");
	lua_getmetatable(L, -1);
	lua_pushvalue(L, str);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 3);

	add_library(L, base, "table", luaopen_table, NULL);
	wrap_field(L, -1, "move", capped_move, -1);
	lua_pop(L, 1);
	static const char *const math_drop[] = {"random", "randomseed", NULL};
	add_library(L, base, "math", luaopen_math, math_drop);
	lua_pop(L, 1);
	add_library(L, base, "utf8", luaopen_utf8, NULL);
	lua_pop(L, 1);
	add_library(L, base, "coroutine", luaopen_coroutine, NULL);
	lua_pop(L, 1);

	/* Empty the real globals: a chunk that somehow ran with them would find nothing. */
	lua_pushnil(L);
	while (lua_next(L, g)) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_pushnil(L);
		lua_rawset(L, g);
	}
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
	vs_sandbox *sb = xcalloc(1, sizeof *sb);
	sb->budget = instructions;
	sb->cap = memory;
	sb->seconds = seconds;
	sb->L = lua_newstate(sandbox_alloc, sb);
	if (!sb->L) {
		free(sb);
		return NULL;
	}
	lua_atpanic(sb->L, panic);
	/* Before any code runs, so every coroutine ever created inherits it. */
	lua_sethook(sb->L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
	lua_pushcfunction(sb->L, setup_base);
	if (lua_pcall(sb->L, 0, 0, 0) != LUA_OK) {
		lua_close(sb->L);
		free(sb);
		return NULL;
	}
	return sb;
}

void sandbox_free(vs_sandbox *sb)
{
	if (!sb)
		return;
	lua_close(sb->L);
	free(sb);
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
	lua_createtable(L, 0, 3);
	lua_pushvalue(L, defs);
	lua_setfield(L, -2, "__index");
	lua_pushcfunction(L, frozen_newindex);
	lua_setfield(L, -2, "__newindex");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_setmetatable(L, idx);
	lua_pop(L, 1); /* defs */
}

/* }====== */
