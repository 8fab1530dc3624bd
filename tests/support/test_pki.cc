#include "tests/support/test_pki.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace firecount::testing {
namespace {

struct KeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertDeleter {
  void operator()(X509* c) const { X509_free(c); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyDeleter>;
using Cert = std::unique_ptr<X509, CertDeleter>;

Key new_key() {
  Key k(EVP_EC_gen("P-256"));
  if (!k) throw std::runtime_error("EVP_EC_gen failed");
  return k;
}

void add_ext(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx_nodb(&ctx);
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  if (ext == nullptr) throw std::runtime_error("X509V3_EXT_conf_nid failed");
  X509_add_ext(cert, ext, -1);
  X509_EXTENSION_free(ext);
}

Cert make_cert(EVP_PKEY* key, EVP_PKEY* signer, X509* issuer, const char* cn, bool ca,
               const char* san, long serial) {
  Cert c(X509_new());
  X509_set_version(c.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(c.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(c.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(c.get()), 7 * 86400);
  X509_set_pubkey(c.get(), key);
  X509_NAME* name = X509_get_subject_name(c.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn),
                             -1, -1, 0);
  X509* iss = issuer != nullptr ? issuer : c.get();
  X509_set_issuer_name(c.get(), X509_get_subject_name(iss));
  add_ext(c.get(), iss, NID_subject_key_identifier, "hash");
  if (ca) {
    add_ext(c.get(), iss, NID_basic_constraints, "critical,CA:TRUE");
    add_ext(c.get(), iss, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_ext(c.get(), iss, NID_authority_key_identifier, "keyid:always");
    add_ext(c.get(), iss, NID_basic_constraints, "critical,CA:FALSE");
    add_ext(c.get(), iss, NID_key_usage, "critical,digitalSignature");
    add_ext(c.get(), iss, NID_ext_key_usage, "serverAuth");
    add_ext(c.get(), iss, NID_subject_alt_name, san);
  }
  if (X509_sign(c.get(), signer, EVP_sha256()) == 0) throw std::runtime_error("X509_sign failed");
  return c;
}

std::string cert_pem(X509* c) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_X509(bio, c);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

std::string key_pem(EVP_PKEY* k) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, k, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

TestPki build() {
  TestPki pki;
  char tmpl[] = "/tmp/firecount-pki-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) throw std::runtime_error("mkdtemp failed");
  pki.dir = tmpl;
  pki.ca_file = pki.dir + "/ca.pem";
  Key ca_key = new_key();
  Cert ca = make_cert(ca_key.get(), ca_key.get(), nullptr, "firecount test CA", true, nullptr, 1);
  Key server_key = new_key();
  Cert server = make_cert(server_key.get(), ca_key.get(), ca.get(), "localhost", false,
                          "DNS:localhost,IP:127.0.0.1", 2);
  Key wrong_key = new_key();
  Cert wrong = make_cert(wrong_key.get(), ca_key.get(), ca.get(), "wrong.example", false,
                         "DNS:wrong.example", 3);
  std::ofstream(pki.ca_file) << cert_pem(ca.get());
  pki.server_cert_pem = cert_pem(server.get());
  pki.server_key_pem = key_pem(server_key.get());
  pki.wrong_host_cert_pem = cert_pem(wrong.get());
  pki.wrong_host_key_pem = key_pem(wrong_key.get());
  return pki;
}

}  // namespace

const TestPki& test_pki() {
  static const TestPki pki = [] {
    TestPki p = build();
    return p;
  }();
  static const bool cleanup_registered = [] {
    std::atexit([] {
      std::remove(test_pki().ca_file.c_str());
      rmdir(test_pki().dir.c_str());
    });
    return true;
  }();
  (void)cleanup_registered;
  return pki;
}

}  // namespace firecount::testing
