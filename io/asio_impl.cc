// The one translation unit that compiles Boost.Asio, Asio's SSL layer and Beast
// (BOOST_ASIO_SEPARATE_COMPILATION and BOOST_BEAST_SEPARATE_COMPILATION are defined for
// firecount_io and everything that links it). Keeping them here means every other io/ file
// includes only the declarations, which keeps rebuilds and the link fast.
#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
