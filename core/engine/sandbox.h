/*
** sandbox.h — a Lua 5.4 state for untrusted rule code: a counting allocator with a per-call
** memory cap, an instruction budget that pcall/coroutines/__close cannot swallow, a
** wall-clock backstop, and a cut-down library (no io/os/package/debug/load of bytecode).
** See docs/spec/hardening.md sections A–D for the attacks each piece answers.
*/
#ifndef VERSUS_SANDBOX_H
#define VERSUS_SANDBOX_H

#include <lua.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

typedef enum vs_trip {
	VS_TRIP_NONE,
	VS_TRIP_INSTRUCTIONS,
	VS_TRIP_MEMORY,
	VS_TRIP_TIME
} vs_trip;

typedef struct vs_sandbox {
	lua_State *L;
	/* memory */
	size_t used;          /* bytes Lua holds now */
	size_t limit;         /* while armed: used at arm time + cap */
	size_t cap;
	size_t phase_limit;   /* while a phase runs: used at its start + cap; else 0 */
	bool mem_armed;
	bool headroom;        /* the message handler may go a little over */
	bool refused_last;    /* the last allocation asked for was refused */
	/* instructions and time */
	long budget;          /* per call */
	long spent;           /* instructions, and work charged by C library calls */
	long next_clock;      /* spent at which a C call next reads the clock */
	int hook_every;       /* VM instructions between two calls of the count hook */
	double seconds;
	struct timespec deadline;
	bool armed;
	vs_trip trip;
	/* what sandbox_snapshot recorded (list lengths), and whether putting it back failed */
	long long snap_tables, snap_closures, snap_udata;
	bool restore_failed;
	/* A stable name for a userdata key (a model view's id), for pairs()'s order; NULL when
	** it has none.  Set by the host; the string must live as long as the userdata. */
	const char *(*key_text)(lua_State *L, int idx);
	/* where the last error happened: "rules/x.lua:12" (or "" when unknown) */
	char err_where[256];
} vs_sandbox;

/* A new state with the safe library in the registry (see sandbox_push_base).  NULL when
** even that fails. */
vs_sandbox *sandbox_new(long instructions, size_t memory, double seconds);
void sandbox_free(vs_sandbox *sb);
/* Count every VM instruction instead of one in HOOK_EVERY, so that `spent` after a call is
** exact (VERSUS_PROFILE_RULES; rule_profile.h).  Before any code runs: coroutines inherit the
** hook's period from the thread that makes them.  Slower, and the budget trips to the
** instruction rather than to the next thousand. */
void sandbox_count_every_instruction(vs_sandbox *sb);

/* Arm before running rule code, disarm right after: the budget and memory cap apply only
** between the two, so the host's own work is never charged or refused. */
void sandbox_arm(vs_sandbox *sb);
void sandbox_disarm(vs_sandbox *sb);

/* A phase: every rule call until sandbox_end_phase shares one memory limit, what the state
** held at sandbox_begin_phase plus the cap, so the cap covers what rules keep from call to
** call, not only what one call allocates. */
void sandbox_begin_phase(vs_sandbox *sb);
void sandbox_end_phase(vs_sandbox *sb);

/* Bracket host work done inside a rule call (converting a model view's record): its
** allocations are not refused and do not count against the rules' cap. */
typedef struct vs_host_mark {
	size_t used;
	bool mem_armed;
} vs_host_mark;
void sandbox_host_begin(lua_State *L, vs_host_mark *m);
void sandbox_host_end(lua_State *L, const vs_host_mark *m);

/* Push the table of safe globals every rule environment reads through (frozen). */
void sandbox_push_base(vs_sandbox *sb);

/* Call the function below nargs arguments on the stack under the budget, with a message
** handler that records sb->err_where and makes a clean message.  Returns a lua_pcall
** status; on error the message string is on the stack. */
int sandbox_pcall(vs_sandbox *sb, int nargs, int nresults);

/* A human description of the last trip, or NULL. */
const char *sandbox_trip_message(const vs_sandbox *sb);

/* Freeze the table at idx: afterwards reading works and every write is an error.  The table
** is emptied and replaced by a proxy chain, so existing keys cannot be overwritten either. */
void sandbox_freeze_env(lua_State *L, int idx);

/* Once no file is left to load, so the base will not change: give every frozen env's
** definitions table its own copy of the base globals it does not define, so a global read
** finds its value one lookup away instead of two.  What a read gives does not change. */
void sandbox_flatten_envs(vs_sandbox *sb);

/* Push an array of the keys of the table at idx in a stable order: numbers ascending, then
** strings byte-wise, then booleans, then userdata key_text names (Lua's own next() order
** changes run to run); other keys last, in next() order (pairs() refuses them). */
void sandbox_push_sorted_keys(lua_State *L, int idx);

/* Record the state rule code can change: everything reachable from the values of the list
** at roots (rule code may write them), from the contents of the tables in the list at
** containers (read-only tables whose values rule code gets) and of every frozen rule file
** environment.  Coroutines found are reset.  Tables only rule code reads (a file's locals)
** are put behind a write barrier, so that only what a pair wrote is put back (sandbox.c).
** A later call replaces what was recorded.  False when it could not be done (out of
** memory, or a coroutine's __close tripped). */
bool sandbox_snapshot(vs_sandbox *sb, int roots, int containers);

/* Put back what sandbox_snapshot recorded: after a pair, so that the next pair finds the
** state every pair finds, whatever the rules did (issue 16, item 7). */
void sandbox_restore(vs_sandbox *sb);

#endif
