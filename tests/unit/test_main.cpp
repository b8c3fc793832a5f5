#define BOOST_TEST_MODULE pirpack
#include <boost/test/unit_test.hpp>
