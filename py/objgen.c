/*
 * objgen.c - generator objects: what calling a generator function (or an
 * async def) returns. A generator owns its frame, a heap block of its own
 * right after the object header, and runs it a step at a time through
 * py_vm_resume: next() and send() until the next yield, throw() raising at the
 * yield, close() throwing GeneratorExit.
 */
#include "vm.h"

py_gen *py_gen_alloc(size_t frame_bytes) {
    py_gen *g = py_gc_alloc(sizeof(py_gen) + frame_bytes);
    g->head.type = &py_type_generator;
    g->frame = (py_frame *)(g + 1);
    return g;
}

static py_gen *gen_self(py_val self) {
    if (!py_is_type(self, &py_type_generator)) {
        py_raise_type_error("expected a generator, got '%s'", py_type_name(self));
    }
    return py_ptr(self);
}

int py_gen_resume(py_val self, py_val send, py_val throw_exc, py_val *result) {
    py_frame *f = gen_self(self)->frame;
    switch (f->state) {
    case PY_FRAME_RUNNING:
        py_raise_value_error("generator already executing");
    case PY_FRAME_DONE:
        if (throw_exc != PY_NULL) {
            py_nlr_jump(throw_exc);
        }
        *result = PY_NONE;
        return PY_VM_RETURN;
    case PY_FRAME_CREATED:
        if (throw_exc == PY_NULL && send != PY_NONE) {
            py_raise_type_error("can't send non-None value to a just-started generator");
        }
        break;
    default:
        break;
    }
    return py_vm_resume(f, send, throw_exc, result);
}

_Noreturn static void raise_stop(py_val value) {
    if (value == PY_NONE) {
        py_raise(py_exc_new(&py_type_StopIteration, 0, NULL));
    }
    py_raise(py_exc_new(&py_type_StopIteration, 1, &value));
}

static py_val gen_iternext(py_val self) {
    py_val r;
    if (py_gen_resume(self, PY_NONE, PY_NULL, &r) == PY_VM_YIELD) {
        return r;
    }
    return PY_STOP;
}

static py_val gen_send(py_val self, py_val value) {
    py_val r;
    if (py_gen_resume(self, value, PY_NULL, &r) == PY_VM_YIELD) {
        return r;
    }
    raise_stop(r);
}
static PY_DEFINE_FUN_2(gen_send_obj, gen_send);

static py_val gen_next(py_val self) { return gen_send(self, PY_NONE); }
static PY_DEFINE_FUN_1(gen_next_obj, gen_next);

static py_val gen_iter(py_val self) {
    gen_self(self);
    return self;
}
static PY_DEFINE_FUN_1(gen_iter_obj, gen_iter);

static bool is_exception_type(py_val v) {
    return py_is_type(v, &py_type_type) &&
           (((const py_type *)py_ptr(v))->flags & PY_TYPE_FLAG_EXCEPTION);
}

static bool is_exception(py_val v) { return (py_type_of(v)->flags & PY_TYPE_FLAG_EXCEPTION) != 0; }

/* throw(type[, value[, traceback]]) or throw(instance): the instance to raise. */
static py_val make_exception(py_val type, py_val value) {
    if (is_exception_type(type)) {
        if (value != PY_NONE && py_isinstance(value, py_ptr(type))) {
            return value;
        }
        if (value == PY_NONE) {
            return py_call(type, 0, 0, NULL);
        }
        if (py_is_type(value, &py_type_tuple)) {
            size_t n;
            py_val *items;
            py_get_array(value, &n, &items);
            return py_call(type, n, 0, items);
        }
        return py_call(type, 1, 0, &value);
    }
    if (is_exception(type)) {
        if (value != PY_NONE) {
            py_raise_type_error("instance exception may not have a separate value");
        }
        return type;
    }
    py_raise_type_error("exceptions must be classes or instances deriving from BaseException, "
                        "not %s",
                        py_type_name(type));
}

static py_val gen_throw(size_t n_args, const py_val *args) {
    gen_self(args[0]);
    py_val exc = make_exception(args[1], n_args > 2 ? args[2] : PY_NONE);
    py_val r;
    if (py_gen_resume(args[0], PY_NONE, exc, &r) == PY_VM_YIELD) {
        return r;
    }
    raise_stop(r);
}
static PY_DEFINE_FUN_VAR(gen_throw_obj, 2, 4, gen_throw);

static py_val gen_close(py_val self) {
    py_frame *f = gen_self(self)->frame;
    if (f->state == PY_FRAME_CREATED || f->state == PY_FRAME_DONE) {
        f->state = PY_FRAME_DONE;
        return PY_NONE;
    }
    py_val exc = py_exc_new(&py_type_GeneratorExit, 0, NULL);
    py_nlr nlr;
    py_try(nlr) {
        py_val r;
        int st = py_gen_resume(self, PY_NONE, exc, &r);
        py_nlr_pop();
        if (st == PY_VM_YIELD) {
            py_raise_msg(&py_type_RuntimeError, "generator ignored GeneratorExit");
        }
        return PY_NONE;
    } else {
        if (py_exc_matches(nlr.exc, PY_OBJ(&py_type_GeneratorExit)) ||
            py_exc_matches(nlr.exc, PY_OBJ(&py_type_StopIteration))) {
            return PY_NONE;
        }
        py_nlr_jump(nlr.exc);
    }
}
static PY_DEFINE_FUN_1(gen_close_obj, gen_close);

static void gen_print(const py_print *out, py_val self, int kind) {
    (void)kind;
    py_gen *g = py_ptr(self);
    py_printf(out, "<generator object %q at %p>", g->frame->code->name, py_ptr(self));
}

static void gen_attr(py_val self, py_qstr name, py_val *dest) {
    py_gen *g = py_ptr(self);
    if (dest[0] != PY_NULL) {
        return;
    }
    if (name == Q___name__ || name == Q___qualname__) {
        dest[0] = PY_QSTR(g->frame->code->name);
    } else if (name == Q_gi_running) {
        dest[0] = PY_BOOL(g->frame->state == PY_FRAME_RUNNING);
    }
}

static py_val gen_getiter(py_val self) { return self; }

static const py_map_entry gen_locals_table[] = {
    {PY_QSTR(Q___iter__), PY_OBJ(&gen_iter_obj)}, {PY_QSTR(Q___next__), PY_OBJ(&gen_next_obj)},
    {PY_QSTR(Q_close), PY_OBJ(&gen_close_obj)},   {PY_QSTR(Q_send), PY_OBJ(&gen_send_obj)},
    {PY_QSTR(Q_throw), PY_OBJ(&gen_throw_obj)},
};
static PY_DEFINE_FIXED_DICT(gen_locals, gen_locals_table);

const py_type py_type_generator = {
    .head = {&py_type_type},
    .name = Q_generator,
    .flags = PY_TYPE_FLAG_EQ_IS_IDENTITY | PY_TYPE_FLAG_ITER_IS_SELF,
    .print = gen_print,
    .attr = gen_attr,
    .getiter = gen_getiter,
    .iternext = gen_iternext,
    .locals = PY_OBJ(&gen_locals),
};
