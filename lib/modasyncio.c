/*
 * modasyncio.c - _asyncio, the core that the asyncio package (lib/asyncio/)
 * runs on: Task objects, the queue of tasks ready to run, the timers, the
 * sleep awaitable and the loop that steps the tasks.
 *
 * Everything a waiting task needs lives in the task itself, so scheduling
 * allocates nothing: the ready queue is a list linked through the tasks,
 * and the timers are a pairing heap whose links are in the tasks too, so a
 * cancelled sleeper is taken out at once instead of lingering until due.
 *
 * A task waits in one place, its `state`: None (ready or running), the
 * scheduler itself (sleeping in the heap), or a Python object with a
 * remove(task) method (a list of waiters, a stream's entry in the poll map).
 * A timed wait (wait_for) waits in a list and has a timer as well; when the
 * timer is due the task leaves the list and the scheduler's timed-out
 * exception is thrown into it.
 *
 * The package makes one Scheduler and gives it what the core cannot know
 * itself: the CancelledError and timed-out classes, the function that
 * reports a task's unhandled exception, the generator function that awaits
 * a task (a C iterator cannot return a value to `await`), and the function
 * that waits for streams.
 */
#include "campy.h"
#include "vfs.h"

typedef struct aio_task aio_task;
typedef struct aio_sched aio_sched;

struct aio_task {
    py_head head;
    aio_sched *sched;
    py_val coro;
    py_val state;    /* None, the scheduler (sleeping), or an object with remove() */
    py_val awaiters; /* None, or a list of tasks and gatherers waiting for the end */
    py_val value;    /* the result, or the exception the task ended with */
    py_val throw_in; /* None, or an exception to raise in the task when it runs */
    aio_task *next;  /* the ready queue */
    /* pairing heap: prev is the parent for a first child, else the sibling
     * before; both NULL at the root */
    aio_task *child, *sibling, *prev;
    uint64_t due; /* milliseconds on py_os_ticks_us's clock */
    uint32_t seq; /* orders timers due at the same time: first set, first woken */
    uint8_t ended;  /* 0 not yet, 1 returned, 2 raised */
    uint8_t queued; /* in the ready queue */
    uint8_t timed;  /* in the timer heap */
};

struct aio_sched {
    py_head head;
    aio_task *ready_head, *ready_tail;
    size_t n_ready;
    aio_task *heap;
    aio_task *cur; /* the task running now */
    py_val cancelled_error, timed_out; /* exception classes */
    py_val on_error;   /* on_error(task, exc): an exception nobody awaits */
    py_val task_await; /* task_await(task): a generator that awaits it */
    py_val io_wait;    /* io_wait(timeout_ms): waits for streams, -1 forever */
    py_int_t io_streams; /* streams being waited on; set by the package */
    uint32_t seq;
    bool stopping;
};

static const py_type task_type, sched_type, sleep_type;

/* Longest slice of an idle wait with nothing to wake the loop but a task
 * made by a scheduled callback. */
#define IDLE_SLICE_MS 100

static aio_task *task_of(py_val v) {
    if (!py_is_type(v, &task_type)) {
        py_raise_type_error("expected a Task, got '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static aio_sched *sched_of(py_val v) {
    if (!py_is_type(v, &sched_type)) {
        py_raise_type_error("expected a Scheduler, got '%s'", py_type_name(v));
    }
    return py_ptr(v);
}

static uint64_t now_ms(void) { return py_os_ticks_us() / 1000; }

/* ---------------------------------------------------------------- the timer heap */

static bool due_before(const aio_task *a, const aio_task *b) {
    return a->due < b->due || (a->due == b->due && (int32_t)(a->seq - b->seq) < 0);
}

/* Two heap roots into one. */
static aio_task *heap_meld(aio_task *a, aio_task *b) {
    if (due_before(b, a)) {
        aio_task *t = a;
        a = b;
        b = t;
    }
    b->prev = a;
    b->sibling = a->child;
    if (a->child != NULL) {
        a->child->prev = b;
    }
    a->child = b;
    return a;
}

/* The children of a removed node into one heap: meld them in pairs left to
 * right, then the pairs right to left (the pairs list is built reversed). */
static aio_task *heap_merge_children(aio_task *first) {
    aio_task *pairs = NULL;
    while (first != NULL) {
        aio_task *a = first, *b = a->sibling;
        first = b != NULL ? b->sibling : NULL;
        a->sibling = a->prev = NULL;
        aio_task *m = a;
        if (b != NULL) {
            b->sibling = b->prev = NULL;
            m = heap_meld(a, b);
        }
        m->sibling = pairs;
        pairs = m;
    }
    if (pairs == NULL) {
        return NULL;
    }
    aio_task *result = pairs;
    pairs = pairs->sibling;
    result->sibling = NULL;
    while (pairs != NULL) {
        aio_task *next = pairs->sibling;
        pairs->sibling = NULL;
        result = heap_meld(result, pairs);
        pairs = next;
    }
    result->prev = NULL;
    return result;
}

static void heap_push(aio_sched *s, aio_task *t, uint64_t due) {
    t->due = due;
    t->seq = ++s->seq;
    t->child = t->sibling = t->prev = NULL;
    t->timed = 1;
    s->heap = s->heap == NULL ? t : heap_meld(s->heap, t);
}

static void heap_remove(aio_sched *s, aio_task *t) {
    if (!t->timed) {
        return;
    }
    t->timed = 0;
    aio_task *sub = heap_merge_children(t->child);
    t->child = NULL;
    if (t == s->heap) {
        s->heap = sub;
        return;
    }
    if (t->prev->child == t) {
        t->prev->child = t->sibling;
    } else {
        t->prev->sibling = t->sibling;
    }
    if (t->sibling != NULL) {
        t->sibling->prev = t->prev;
    }
    t->sibling = t->prev = NULL;
    if (sub != NULL) {
        s->heap = heap_meld(s->heap, sub);
    }
}

/* ---------------------------------------------------------------- the ready queue */

static void ready_push(aio_sched *s, aio_task *t) {
    if (t->queued) {
        return;
    }
    t->queued = 1;
    t->next = NULL;
    if (s->ready_tail == NULL) {
        s->ready_head = t;
    } else {
        s->ready_tail->next = t;
    }
    s->ready_tail = t;
    s->n_ready++;
}

static aio_task *ready_pop(aio_sched *s) {
    aio_task *t = s->ready_head;
    s->ready_head = t->next;
    if (s->ready_head == NULL) {
        s->ready_tail = NULL;
    }
    t->next = NULL;
    t->queued = 0;
    s->n_ready--;
    return t;
}

/* ---------------------------------------------------------------- waking and throwing */

/* Makes a waiting task ready: out of the heap, state None. */
static void task_wake(aio_sched *s, aio_task *t) {
    heap_remove(s, t);
    t->state = PY_NONE;
    ready_push(s, t);
}

/* Takes a task out of wherever it waits and makes it ready with exc to be
 * raised in it. */
static void task_throw(aio_sched *s, aio_task *t, py_val exc) {
    heap_remove(s, t);
    py_val st = t->state;
    t->state = PY_NONE;
    if (st != PY_NONE && st != PY_OBJ(s)) {
        py_val arg = PY_OBJ(t);
        py_call_method_name(st, Q_remove, 1, &arg);
    }
    t->throw_in = exc;
    if (t != s->cur) {
        ready_push(s, t);
    }
}

/* A task ended: wake what waits for it, or report an exception nobody
 * will see. */
static void task_end(aio_sched *s, aio_task *t, py_val value, uint8_t ended) {
    t->value = value;
    t->ended = ended;
    py_val aw = t->awaiters;
    t->awaiters = PY_NONE;
    if (aw == PY_NONE) {
        if (ended == 2 && !py_exc_matches(value, s->cancelled_error)) {
            py_call2(s->on_error, PY_OBJ(t), value);
        }
        return;
    }
    /* read afresh at each step: a gatherer's child_done is Python code */
    for (size_t i = 0;; i++) {
        size_t n;
        py_val *items;
        py_get_array(aw, &n, &items);
        if (i >= n) {
            break;
        }
        py_val w = items[i];
        if (py_is_type(w, &task_type)) {
            task_wake(s, py_ptr(w));
        } else {
            py_val arg = PY_OBJ(t);
            py_call_method_name(w, Q_child_done, 1, &arg);
        }
    }
}

/* ---------------------------------------------------------------- running */

/* Runs one task until it yields or ends. */
static void task_step(aio_sched *s, aio_task *t) {
    s->cur = t;
    py_val exc = t->throw_in;
    py_nlr nlr;
    py_try(nlr) {
        if (exc != PY_NONE) {
            t->throw_in = PY_NONE;
            py_call_method_name(t->coro, Q_throw, 1, &exc);
        } else {
            py_val none = PY_NONE;
            py_call_method_name(t->coro, Q_send, 1, &none);
        }
        py_nlr_pop();
    } else {
        s->cur = NULL;
        py_val e = nlr.exc;
        if (py_exc_matches(e, PY_OBJ(&py_type_StopIteration))) {
            task_end(s, t, py_exc_arg0(e), 1);
        } else if (py_exc_matches(e, PY_OBJ(&py_type_Exception)) ||
                   py_exc_matches(e, s->cancelled_error)) {
            task_end(s, t, e, 2);
        } else {
            py_nlr_jump(e); /* KeyboardInterrupt, SystemExit: out of the loop */
        }
        return;
    }
    s->cur = NULL;
    if (t->state == PY_NONE) {
        ready_push(s, t); /* a bare yield: to the back of the queue */
    }
}

/* Moves the timers that are due to the ready queue. */
static void wake_due(aio_sched *s) {
    uint64_t now = now_ms();
    while (s->heap != NULL && s->heap->due <= now) {
        aio_task *t = s->heap;
        s->heap = heap_merge_children(t->child);
        t->child = NULL;
        t->timed = 0;
        py_val st = t->state;
        t->state = PY_NONE;
        if (st != PY_OBJ(s) && st != PY_NONE) {
            /* a timed wait: it stops waiting where it was */
            py_val arg = PY_OBJ(t);
            py_call_method_name(st, Q_remove, 1, &arg);
            t->throw_in = py_call(s->timed_out, 0, 0, NULL);
        }
        ready_push(s, t);
    }
}

/* Waits for work: returns at once when tasks are ready; else until a timer
 * is due or a stream is ready. Ctrl-C raises out of it. */
static void wait_for_work(aio_sched *s) {
    py_int_t timeout = -1;
    if (s->n_ready > 0) {
        timeout = 0;
    } else if (s->heap != NULL) {
        uint64_t now = now_ms();
        timeout = s->heap->due > now ? (py_int_t)(s->heap->due - now) : 0;
    }
    if (s->io_streams > 0) {
        py_call1(s->io_wait, PY_SMALL(timeout));
    } else if (timeout != 0) {
        py_int_t ms = timeout < 0 || timeout > IDLE_SLICE_MS ? IDLE_SLICE_MS : timeout;
        py_os_sleep_us((uint64_t)ms * 1000);
    }
}

/* The loop: rounds of waiting, waking due timers and running the tasks
 * that were ready when the round began, until main (a task, or None for
 * run_forever) has ended or stop() was called. */
static py_val sched_run(py_val self, py_val main) {
    aio_sched *s = sched_of(self);
    aio_task *m = main == PY_NONE ? NULL : task_of(main);
    if (s->cur != NULL) {
        py_raise_msg(&py_type_RuntimeError, "the event loop is already running");
    }
    while (m == NULL || !m->ended) {
        wait_for_work(s);
        if (s->heap != NULL) {
            wake_due(s);
        }
        for (size_t n = s->n_ready; n > 0 && s->ready_head != NULL; n--) {
            task_step(s, ready_pop(s));
            if (m != NULL && m->ended) {
                return PY_NONE;
            }
        }
        if (s->stopping) {
            s->stopping = false;
            break;
        }
    }
    return PY_NONE;
}
static PY_DEFINE_FUN_2(sched_run_obj, sched_run);

/* ---------------------------------------------------------------- Scheduler methods */

static aio_sched *running_sched(py_val self, aio_task **cur) {
    aio_sched *s = sched_of(self);
    if (s->cur == NULL) {
        py_raise_msg(&py_type_RuntimeError, "no running event loop");
    }
    *cur = s->cur;
    return s;
}

static py_val sched_create_task(py_val self, py_val coro) {
    aio_sched *s = sched_of(self);
    py_val m[2];
    py_load_method_maybe(coro, Q_send, m);
    if (m[0] == PY_NULL) {
        py_raise_type_error("coroutine expected");
    }
    aio_task *t = py_new(aio_task);
    t->head.type = &task_type;
    t->sched = s;
    t->coro = coro;
    t->state = t->awaiters = t->value = t->throw_in = PY_NONE;
    ready_push(s, t);
    return PY_OBJ(t);
}
static PY_DEFINE_FUN_2(sched_create_task_obj, sched_create_task);

/* wake(task) or wake(list of tasks, emptied) */
static py_val sched_wake(py_val self, py_val what) {
    aio_sched *s = sched_of(self);
    if (py_is_type(what, &task_type)) {
        task_wake(s, py_ptr(what));
        return PY_NONE;
    }
    size_t n;
    py_val *items;
    py_get_array(what, &n, &items);
    for (size_t i = 0; i < n; i++) {
        task_wake(s, task_of(items[i]));
    }
    py_call_method_name(what, Q_clear, 0, NULL);
    return PY_NONE;
}
static PY_DEFINE_FUN_2(sched_wake_obj, sched_wake);

static py_int_t ms_arg(py_val ms) {
    py_int_t n = py_get_int(ms);
    return n < 0 ? 0 : n;
}

/* add_timer(task, ms): a timer for a task that waits somewhere else too. */
static py_val sched_add_timer(py_val self, py_val task, py_val ms) {
    aio_sched *s = sched_of(self);
    aio_task *t = task_of(task);
    heap_remove(s, t);
    heap_push(s, t, now_ms() + (uint64_t)ms_arg(ms));
    return PY_NONE;
}
static PY_DEFINE_FUN_3(sched_add_timer_obj, sched_add_timer);

static py_val sched_stop(py_val self) {
    sched_of(self)->stopping = true;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(sched_stop_obj, sched_stop);

/* Forgets every task and timer (new_event_loop). */
static py_val sched_clear(py_val self) {
    aio_sched *s = sched_of(self);
    while (s->ready_head != NULL) {
        ready_pop(s);
    }
    while (s->heap != NULL) {
        heap_remove(s, s->heap);
    }
    s->cur = NULL;
    s->stopping = false;
    return PY_NONE;
}
static PY_DEFINE_FUN_1(sched_clear_obj, sched_clear);

/* ---------------------------------------------------------------- sleeping */

/* What sleep_ms() returns: awaiting it parks the running task in the heap
 * (or, for no time at all, just yields), and it ends when resumed. */
typedef struct aio_sleep {
    py_head head;
    aio_sched *sched;
    py_int_t ms;
    bool started;
} aio_sleep;

static py_val make_sleep(aio_sched *s, py_int_t ms) {
    aio_sleep *o = py_new(aio_sleep);
    o->head.type = &sleep_type;
    o->sched = s;
    o->ms = ms;
    return PY_OBJ(o);
}

static py_val sched_sleep_ms(py_val self, py_val ms) {
    return make_sleep(sched_of(self), ms_arg(ms));
}
static PY_DEFINE_FUN_2(sched_sleep_ms_obj, sched_sleep_ms);

static py_val sched_sleep(py_val self, py_val seconds) {
    py_float_t ms = py_get_float(seconds) * 1000;
    if (!(ms < (py_float_t)PY_SMALL_MAX)) { /* also nan */
        if (ms != ms) {
            py_raise_value_error("sleep length is not a number");
        }
        ms = (py_float_t)PY_SMALL_MAX;
    }
    return make_sleep(sched_of(self), ms < 0 ? 0 : (py_int_t)ms);
}
static PY_DEFINE_FUN_2(sched_sleep_obj, sched_sleep);

static py_val sleep_iternext(py_val self) {
    if (!py_is_type(self, &sleep_type)) {
        py_raise_type_error("expected a sleep, got '%s'", py_type_name(self));
    }
    aio_sleep *o = py_ptr(self);
    if (o->started) {
        return PY_STOP;
    }
    aio_task *cur;
    aio_sched *s = running_sched(PY_OBJ(o->sched), &cur);
    o->started = true;
    if (o->ms > 0) {
        heap_push(s, cur, now_ms() + (uint64_t)o->ms);
        cur->state = PY_OBJ(s);
    }
    return PY_NONE;
}

static py_val sleep_self(py_val self) { return self; }
static PY_DEFINE_FUN_1(sleep_self_obj, sleep_self);

/* send() and throw() let a sleep be a task of its own, as a coroutine
 * would: create_task(sleep(1)), wait_for(sleep(1), t). */
static py_val sleep_send(py_val self, py_val value) {
    (void)value;
    py_val r = sleep_iternext(self);
    if (r == PY_STOP) {
        py_raise_type(&py_type_StopIteration);
    }
    return r;
}
static PY_DEFINE_FUN_2(sleep_send_obj, sleep_send);

static py_val sleep_next(py_val self) { return sleep_send(self, PY_NONE); }
static PY_DEFINE_FUN_1(sleep_next_obj, sleep_next);

static py_val sleep_throw(size_t n_args, const py_val *args) {
    (void)n_args;
    if (!py_is_type(args[0], &sleep_type)) {
        py_raise_type_error("expected a sleep, got '%s'", py_type_name(args[0]));
    }
    aio_sleep *o = py_ptr(args[0]);
    if (!o->started) { /* `done` is read-only, and started */
        o->started = true;
    }
    py_raise(args[1]);
}
static PY_DEFINE_FUN_VAR(sleep_throw_obj, 2, 4, sleep_throw);

static const py_map_entry sleep_locals_table[] = {
    {PY_QSTR(Q___await__), PY_OBJ(&sleep_self_obj)},
    {PY_QSTR(Q___iter__), PY_OBJ(&sleep_self_obj)},
    {PY_QSTR(Q___next__), PY_OBJ(&sleep_next_obj)},
    {PY_QSTR(Q_send), PY_OBJ(&sleep_send_obj)},
    {PY_QSTR(Q_throw), PY_OBJ(&sleep_throw_obj)},
};
static PY_DEFINE_FIXED_DICT(sleep_locals, sleep_locals_table);

static const py_type sleep_type = {
    .head = {&py_type_type},
    .name = Q_sleep,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY | PY_TYPE_FLAG_ITER_IS_SELF,
    .getiter = sleep_self,
    .iternext = sleep_iternext,
    .locals = PY_OBJ(&sleep_locals),
};

/* An awaitable that is over before it starts: what an __aexit__ with
 * nothing to wait for can return instead of making a coroutine. */
static const aio_sleep done_obj = {{&sleep_type}, NULL, 0, true};

/* ---------------------------------------------------------------- Scheduler type */

/* Scheduler(cancelled_error, timed_out, on_error, task_await, io_wait) */
static py_val sched_make_new(const py_type *type, size_t n_args, size_t n_kw, const py_val *args) {
    (void)type;
    py_check_nargs(n_args, n_kw, 5, 5, false);
    aio_sched *s = py_new(aio_sched);
    s->head.type = &sched_type;
    s->cancelled_error = args[0];
    s->timed_out = args[1];
    s->on_error = args[2];
    s->task_await = args[3];
    s->io_wait = args[4];
    return PY_OBJ(s);
}

static void sched_attr(py_val self, py_qstr name, py_val *dest) {
    aio_sched *s = py_ptr(self);
    if (dest[0] == PY_SENTINEL) {
        if (name == Q_io_streams && dest[1] != PY_NULL) {
            s->io_streams = py_get_int(dest[1]);
            dest[0] = PY_NULL;
        }
        return;
    }
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q_cur) {
        dest[0] = s->cur != NULL ? PY_OBJ(s->cur) : PY_NONE;
    } else if (name == Q_io_streams) {
        dest[0] = PY_SMALL(s->io_streams);
    }
}

/* remove(task): the heap is where sleeping tasks wait */
static py_val sched_remove(py_val self, py_val task) {
    heap_remove(sched_of(self), task_of(task));
    return PY_NONE;
}
static PY_DEFINE_FUN_2(sched_remove_obj, sched_remove);

static const py_map_entry sched_locals_table[] = {
    {PY_QSTR(Q_create_task), PY_OBJ(&sched_create_task_obj)},
    {PY_QSTR(Q_run), PY_OBJ(&sched_run_obj)},
    {PY_QSTR(Q_wake), PY_OBJ(&sched_wake_obj)},
    {PY_QSTR(Q_add_timer), PY_OBJ(&sched_add_timer_obj)},
    {PY_QSTR(Q_sleep_ms), PY_OBJ(&sched_sleep_ms_obj)},
    {PY_QSTR(Q_sleep), PY_OBJ(&sched_sleep_obj)},
    {PY_QSTR(Q_stop), PY_OBJ(&sched_stop_obj)},
    {PY_QSTR(Q_clear), PY_OBJ(&sched_clear_obj)},
    {PY_QSTR(Q_remove), PY_OBJ(&sched_remove_obj)},
};
static PY_DEFINE_FIXED_DICT(sched_locals, sched_locals_table);

static const py_type sched_type = {
    .head = {&py_type_type},
    .name = Q_Scheduler,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .make_new = sched_make_new,
    .attr = sched_attr,
    .locals = PY_OBJ(&sched_locals),
};

/* ---------------------------------------------------------------- Task type */

static py_val task_done(py_val self) { return PY_BOOL(task_of(self)->ended != 0); }
static PY_DEFINE_FUN_1(task_done_obj, task_done);

static py_val task_cancel(py_val self) {
    aio_task *t = task_of(self);
    aio_sched *s = t->sched;
    if (t->ended) {
        return PY_FALSE;
    }
    if (t == s->cur) {
        py_raise_msg(&py_type_RuntimeError, "can't cancel self");
    }
    task_throw(s, t, py_call(s->cancelled_error, 0, 0, NULL));
    return PY_TRUE;
}
static PY_DEFINE_FUN_1(task_cancel_obj, task_cancel);

static py_val task_await(py_val self) {
    aio_task *t = task_of(self);
    return py_call1(t->sched->task_await, self);
}
static PY_DEFINE_FUN_1(task_await_obj, task_await);

static void task_print(const py_print *out, py_val self, int kind) {
    (void)self;
    (void)kind;
    py_print_str(out, "<Task>");
}

static void task_attr(py_val self, py_qstr name, py_val *dest) {
    aio_task *t = py_ptr(self);
    if (dest[0] == PY_SENTINEL) {
        if (dest[1] == PY_NULL) {
            return; /* nothing can be deleted */
        }
        if (name == Q_state) {
            t->state = dest[1];
        } else if (name == Q_awaiters) {
            t->awaiters = dest[1];
        } else {
            return;
        }
        dest[0] = PY_NULL;
        return;
    }
    if (dest[0] != PY_NULL) {
        return;
    }
    switch (name) {
    case Q_coro:
        dest[0] = t->coro;
        break;
    case Q_state:
        dest[0] = t->state;
        break;
    case Q_awaiters:
        dest[0] = t->awaiters;
        break;
    case Q_value:
        dest[0] = t->value;
        break;
    case Q_ended:
        dest[0] = PY_SMALL(t->ended);
        break;
    default:
        break;
    }
}

static const py_map_entry task_locals_table[] = {
    {PY_QSTR(Q_done), PY_OBJ(&task_done_obj)},
    {PY_QSTR(Q_cancel), PY_OBJ(&task_cancel_obj)},
    {PY_QSTR(Q___await__), PY_OBJ(&task_await_obj)},
    {PY_QSTR(Q___iter__), PY_OBJ(&task_await_obj)},
};
static PY_DEFINE_FIXED_DICT(task_locals, task_locals_table);

static const py_type task_type = {
    .head = {&py_type_type},
    .name = Q_Task,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY,
    .print = task_print,
    .attr = task_attr,
    .getiter = task_await,
    .locals = PY_OBJ(&task_locals),
};

/* ---------------------------------------------------------------- the module */

static const py_map_entry asyncio_core_table[] = {
    {PY_QSTR(Q___name__), PY_QSTR(Q__asyncio)},
    {PY_QSTR(Q_Scheduler), PY_OBJ(&sched_type)},
    {PY_QSTR(Q_Task), PY_OBJ(&task_type)},
    {PY_QSTR(Q_done), PY_OBJ(&done_obj)},
};
static PY_DEFINE_FIXED_DICT(asyncio_core_globals, asyncio_core_table);
PY_DEFINE_MODULE(py_module_asyncio_core, asyncio_core_globals);
PY_REGISTER_MODULE(Q__asyncio, py_module_asyncio_core);
