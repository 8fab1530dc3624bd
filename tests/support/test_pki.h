#pragma once
// Test-only PKI: a throw-away CA and server certificates made with OpenSSL at test time (never
// stored in the repository). The CA certificate is written to a temp dir so clients can be given
// it as --ca-file; the server keys stay in memory.
//
// Threading: make_test_pki() is thread-safe; the result is immutable.

#include <string>

namespace firecount::testing {

struct TestPki {
  std::string dir;              // temp dir holding ca.pem
  std::string ca_file;          // dir + "/ca.pem"
  std::string server_cert_pem;  // CN/SAN localhost and 127.0.0.1, signed by the CA
  std::string server_key_pem;
  std::string wrong_host_cert_pem;  // signed by the CA but only for wrong.example
  std::string wrong_host_key_pem;
};

// Built once per process.
const TestPki& test_pki();

}  // namespace firecount::testing
