#define _GNU_SOURCE
#include "cshims.h"
#include <elf.h>
#include <link.h>
#include <string.h>

/* What tm_build_id looks for and where it puts it. */
struct tm_build_id_search {
    unsigned char *out;
    size_t capacity;
    size_t found;
};

/* Reads the notes of the first object dl_iterate_phdr reports, the executable itself, and stops. */
static int tm_build_id_visit(struct dl_phdr_info *info, size_t size, void *data) {
    struct tm_build_id_search *search = data;
    (void)size;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_NOTE) continue;
        size_t align = segment->p_align == 8 ? 8 : 4;
        const unsigned char *p = (const unsigned char *)(info->dlpi_addr + segment->p_vaddr);
        const unsigned char *end = p + segment->p_memsz;
        while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
            const ElfW(Nhdr) *note = (const ElfW(Nhdr) *)p;
            size_t nameSize = (note->n_namesz + align - 1) & ~(align - 1);
            size_t descSize = (note->n_descsz + align - 1) & ~(align - 1);
            const unsigned char *name = p + sizeof(ElfW(Nhdr));
            if ((size_t)(end - name) < nameSize) break;
            const unsigned char *desc = name + nameSize;
            if ((size_t)(end - desc) < note->n_descsz) break;
            if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && memcmp(name, "GNU", 4) == 0) {
                size_t length = note->n_descsz < search->capacity ? note->n_descsz : search->capacity;
                memcpy(search->out, desc, length);
                search->found = length;
                return 1;
            }
            if ((size_t)(end - desc) < descSize) break;
            p = desc + descSize;
        }
    }
    return 1;
}

size_t tm_build_id(unsigned char *out, size_t capacity) {
    struct tm_build_id_search search = {out, capacity, 0};
    dl_iterate_phdr(tm_build_id_visit, &search);
    return search.found;
}
