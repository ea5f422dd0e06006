/*
 * objtype.h - classes made by `class` statements and their instances, for the
 * parts of the core that build or inspect them (builtins, runtime, exceptions).
 *
 * A user class is a py_class: a py_type whose slots are the dispatchers of
 * objtype.c, which call the class's Python-level special methods. Its method
 * resolution order is C3, kept as a tuple of types that starts with the class
 * itself and ends with object.
 *
 * Instances have one of four layouts (py_class.layout):
 *   - PLAIN: a py_instance, for classes with no built-in base but object. Its
 *     dict is allocated on the first attribute store.
 *   - EXC: classes derived from BaseException: a py_exc (campy.h) whose head
 *     is the class; attributes go to py_exc.dict.
 *   - EMBED: subclasses of list, dict, set, bytearray and tuple: a copy of the
 *     built-in object with the class in its head, so C code that checks
 *     py_isinstance(v, &py_type_list) and then reads it as a py_list is
 *     right. One more block at the end of the allocation holds the dict
 *     (see dict_slot in objtype.c).
 *   - WRAP: subclasses of any other built-in (int, str, float, bytes ...):
 *     a py_instance with one extra word, native[0], the plain built-in value
 *     the built-in's methods and slots work on. C code must not read such an
 *     instance as the built-in's struct: exact type checks (py_is_type) or
 *     py_native_value() first.
 */
#ifndef PY_OBJTYPE_H
#define PY_OBJTYPE_H

#include "campy.h"

enum { PY_LAYOUT_PLAIN, PY_LAYOUT_EXC, PY_LAYOUT_EMBED, PY_LAYOUT_WRAP };

typedef struct py_class {
    py_type type;
    py_val mro;            /* tuple: this class first, object last */
    const py_type *native; /* the most derived built-in base other than object, or NULL */
    uint8_t layout;        /* PY_LAYOUT_* */
    uint8_t attr_hint;     /* most attributes an instance has had: sizes new dicts */
    uint8_t hooks;         /* attribute hooks of the MRO (objtype.c), valid while */
    uint32_t hooks_version; /* ... this equals the lookup cache's version */
} py_class;

typedef struct py_instance {
    py_head head;
    py_val dict;      /* attributes: a dict, or PY_NULL until the first store */
    py_val native[];  /* PY_LAYOUT_WRAP: the built-in value */
} py_instance;

/* __build_class__ ends here: makes the class from the executed body's dict. */
py_val py_type_new_class(py_qstr name, py_val bases_tuple, py_val locals_dict);

static inline bool py_type_is_heap(const py_type *t) {
    return (t->flags & PY_TYPE_FLAG_HEAP) != 0;
}

/* isinstance() and issubclass(): classinfo is a type or a (nested) tuple of
 * types; TypeError otherwise. */
bool py_isinstance_any(py_val obj, py_val classinfo);
bool py_issubclass_any(py_val cls, py_val classinfo);

/* For an instance of a user subclass of int, str, float ... (PY_LAYOUT_WRAP),
 * the built-in value it carries; any other value is returned as it is. */
py_val py_native_value(py_val v);

/* As py_type_lookup, also telling which class of the MRO held the name.
 * Lookups are cached: change a class's attributes only through py_setattr /
 * py_delattr on the class (never its locals dict directly), so the cache is
 * emptied. For a special name (__add__, __getitem__, __new__ ...) that a
 * built-in type implements in a slot, the result is a callable "slot method"
 * (int.__add__(1, 2), dict.__setitem__(d, k, v) and super() calls use it). */
py_val py_type_lookup_owner(const py_type *type, py_qstr name, const py_type **owner);

/* Turns what a type lookup found into what `obj.name` gives: binds functions
 * (dest[0] = function, dest[1] = self), unwraps staticmethod and classmethod,
 * calls property getters and __get__ of descriptors. owner is the class where
 * the member was found. */
void py_bind_member(py_val obj, const py_type *obj_type, const py_type *owner, py_val member,
                    py_val *dest);

/* Changes whenever a class is made or a class's attributes change: what was
 * looked up in classes (objtype.c's lookup cache, the VM's attribute caches)
 * still holds while it stays the same. */
extern uint32_t py_type_lookup_version;

/* The default str/repr of an object: <__main__.A object at 0x...>. */
void py_object_print_default(const py_print *out, py_val self);

/* Exceptions (objexc.c) */
py_val py_exc_alloc(const py_type *type, size_t n_args, const py_val *args);
void py_exc_attr(py_val self, py_qstr name, py_val *dest);
/* The name of an errno value ("ENOENT"), or NULL if it has none. */
const char *py_errno_name(int errnum);

/* An iterator over obj[0], obj[1], ... until IndexError (runtime.c). */
py_val py_getitem_iter_new(py_val obj);

#endif
