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
#include <libetpan/carray.h>
#include <libetpan/mailstream.h>
#include <libetpan/mailstream_ssl.h>
#include <libetpan/mailimap.h>
#include <libetpan/mailimap_socket.h>
#include <libetpan/mailimap_ssl.h>
#include <libetpan/mailimap_extension.h>
#include <libetpan/idle.h>
#include <libetpan/uidplus.h>

// Exported by libetpan but not declared in its public headers: the pieces of a command, used to run
// AUTHENTICATE XOAUTH2 by hand so that the server's error challenge can be answered and read.
int mailimap_send_current_tag(mailimap * session);
int mailimap_token_send(mailstream * fd, const char * token);
int mailimap_crlf_send(mailstream * fd);
char * mailimap_read_line(mailimap * session);

// clist_begin, clist_next and clist_content are macros, which Swift cannot call.
static inline clistiter * cetpan_clist_begin(clist * list) { return list == NULL ? NULL : list->first; }
static inline clistiter * cetpan_clist_next(clistiter * iter) { return iter == NULL ? NULL : iter->next; }
static inline void * cetpan_clist_content(clistiter * iter) { return iter == NULL ? NULL : iter->data; }

// carray_count and carray_get are macros too.
static inline unsigned int cetpan_carray_count(carray * array) { return array == NULL ? 0 : array->len; }
static inline void * cetpan_carray_get(carray * array, unsigned int index) { return array->array[index]; }

// libetpan's hook for charset conversion (charconv.h), a global that Swift 6 cannot touch directly:
// CharsetConverters installs one that keeps its iconv descriptors open.
typedef int (*cetpan_charconv_function)(const char * tocode, const char * fromcode, const char * str, size_t length,
                                        char * result, size_t * result_len);
static inline cetpan_charconv_function cetpan_extended_charconv(void) { return extended_charconv; }
static inline void cetpan_set_extended_charconv(cetpan_charconv_function function) { extended_charconv = function; }

// The SMTP client (SMTPConnection).
#include <libetpan/mailsmtp.h>

// Exported by libetpan but not declared in its public headers: one raw SMTP command line (the caller
// adds CRLF; the _private variant keeps it out of libetpan's logger) and one whole reply, its lines'
// text in session->response. Used for EHLO with the client's own name and for AUTH PLAIN / LOGIN /
// XOAUTH2 run by hand, so that a 334 error challenge is answered and the final 535/454 is read.
int mailsmtp_send_command(mailsmtp * session, char * command);
int mailsmtp_send_command_private(mailsmtp * session, char * command);
int mailsmtp_read_response(mailsmtp * session);

// Exported but undeclared (connect.h is not installed): a TCP connect bounded by `timeout` seconds.
// Debian's mailsmtp_socket_connect / mailsmtp_ssl_connect ignore the session's timeout and wait up to
// mailstream_network_delay (300 s) for a silent server's greeting, so SMTPConnection connects the
// socket itself and opens the stream with mailstream_*_open_timeout.
int mail_tcp_connect_timeout(const char * server, uint16_t port, time_t timeout);

#endif
