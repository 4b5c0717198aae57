// libstemmer ships its header at /usr/include/libstemmer.h (Debian) or under Homebrew's include dir.
#include <libstemmer.h>
