#ifndef CETPAN_SHIM_H
#define CETPAN_SHIM_H

// Only the parts of libetpan MailEvents uses. <libetpan/libetpan.h> would also pull in the
// storage drivers; MIME parsing, charset conversion and the protocol clients are enough.
#include <libetpan/libetpan-config.h>
#include <libetpan/clist.h>
#include <libetpan/mailimf.h>
#include <libetpan/mailmime.h>
#include <libetpan/charconv.h>
#include <libetpan/mmapstring.h>

// clist_begin, clist_next and clist_content are macros, which Swift cannot call.
static inline clistiter * cetpan_clist_begin(clist * list) { return list == NULL ? NULL : list->first; }
static inline clistiter * cetpan_clist_next(clistiter * iter) { return iter == NULL ? NULL : iter->next; }
static inline void * cetpan_clist_content(clistiter * iter) { return iter == NULL ? NULL : iter->data; }

#endif
