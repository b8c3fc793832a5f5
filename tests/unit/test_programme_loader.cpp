#include <boost/test/unit_test.hpp>
BOOST_AUTO_TEST_SUITE(programme_loader)
BOOST_AUTO_TEST_SUITE_END()
