#include "core/oauth1.h"

#include <gtest/gtest.h>

namespace firecount {
namespace {

// docs.x.com "Creating a signature" / "Authorizing a request" worked example (notes §6.1).
const OAuthCredentials kDocCredentials = {"xvz1evFS4wEEPTGEFPHBog",
                                          "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                                          "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
                                          "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"};
constexpr char kDocNonce[] = "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg";
constexpr int64_t kDocTimestamp = 1318622958;

std::vector<OAuthParam> doc_params() {
  return {{"include_entities", "true"},
          {"oauth_consumer_key", kDocCredentials.consumer_key},
          {"oauth_nonce", kDocNonce},
          {"oauth_signature_method", "HMAC-SHA1"},
          {"oauth_timestamp", "1318622958"},
          {"oauth_token", kDocCredentials.token},
          {"oauth_version", "1.0"},
          {"status", "Hello Ladies + Gentlemen, a signed OAuth request!"}};
}

TEST(OAuth1Test, PercentEncodesPerRfc5849) {
  EXPECT_EQ(oauth_percent_encode("Ladies + Gentlemen"), "Ladies%20%2B%20Gentlemen");
  EXPECT_EQ(oauth_percent_encode("An encoded string!"), "An%20encoded%20string%21");
  EXPECT_EQ(oauth_percent_encode("Dogs, Cats & Mice"), "Dogs%2C%20Cats%20%26%20Mice");
  EXPECT_EQ(oauth_percent_encode("\xE2\x98\x83"), "%E2%98%83");
  EXPECT_EQ(oauth_percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(oauth_percent_encode("/=?*'"), "%2F%3D%3F%2A%27");
}

TEST(OAuth1Test, ParameterStringOfWorkedExample) {
  EXPECT_EQ(oauth_parameter_string(doc_params()),
            "include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce="
            "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_"
            "timestamp=1318622958&oauth_token=370773112-"
            "GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%"
            "20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21");
}

TEST(OAuth1Test, WorkedExampleBaseStringAndSignatureTwitter11) {
  std::string base = oauth_signature_base_string(
      "post", "https://api.twitter.com/1.1/statuses/update.json", doc_params());
  EXPECT_EQ(base,
            "POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%"
            "3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%"
            "3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%"
            "26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-"
            "GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%"
            "2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%"
            "2521");
  EXPECT_EQ(oauth_hmac_sha1_signature(base, kDocCredentials.consumer_secret,
                                      kDocCredentials.token_secret),
            "hCtSmYh+iHYCEqBWrE7C7hYmtUk=");
}

TEST(OAuth1Test, WorkedExampleOtherBaseUrls) {
  auto sign = [](std::string_view url) {
    return oauth_hmac_sha1_signature(oauth_signature_base_string("POST", url, doc_params()),
                                     kDocCredentials.consumer_secret, kDocCredentials.token_secret);
  };
  EXPECT_EQ(sign("https://api.x.com/1.1/statuses/update.json"), "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=");
  EXPECT_EQ(sign("https://api.twitter.com/1/statuses/update.json"), "tnnArxj06cWHq44gCs1OSKk/jLY=");
}

TEST(OAuth1Test, AuthorizationHeaderMatchesDocumentedHeader) {
  std::string header =
      oauth_authorization_header("POST", "https://api.twitter.com/1/statuses/update.json",
                                 {{"include_entities", "true"},
                                  {"status", "Hello Ladies + Gentlemen, a signed OAuth request!"}},
                                 kDocCredentials, kDocNonce, kDocTimestamp);
  EXPECT_EQ(header,
            "OAuth oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\", "
            "oauth_nonce=\"kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg\", "
            "oauth_signature=\"tnnArxj06cWHq44gCs1OSKk%2FjLY%3D\", "
            "oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1318622958\", "
            "oauth_token=\"370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb\", "
            "oauth_version=\"1.0\"");
  auto parsed = parse_oauth_authorization_header(header);
  ASSERT_EQ(parsed.size(), 7u);
  EXPECT_EQ(parsed[2].first, "oauth_signature");
  EXPECT_EQ(parsed[2].second, "tnnArxj06cWHq44gCs1OSKk/jLY=");
}

TEST(OAuth1Test, TutorialFilterRequestSignatures) {
  // notes §6.3 (our own vector, verified with openssl dgst).
  std::vector<OAuthParam> request = {{"language", "en"}, {"locations", "-130,-20,100,50"}};
  auto sig = [&](std::string_view method) {
    std::string header =
        oauth_authorization_header(method, "https://stream.twitter.com/1.1/statuses/filter.json",
                                   request, kDocCredentials, kDocNonce, kDocTimestamp);
    for (auto& [k, v] : parse_oauth_authorization_header(header)) {
      if (k == "oauth_signature") return v;
    }
    return std::string();
  };
  EXPECT_EQ(sig("GET"), "6+gRYb7GtzNe9jh/ll+feDZFxDo=");
  EXPECT_EQ(sig("POST"), "xyj7R/lhmfIorRp2+o0ZmBr9I/c=");
}

TEST(OAuth1Test, Rfc5849BaseStringExample) {
  // RFC 5849 §3.4.1: query b5=%3D%253D&a3=a&c%40=&a2=r%20b, body c2&a3=2+q, header oauth_* (no
  // oauth_version, realm excluded).
  std::vector<OAuthParam> params = form_url_decode("b5=%3D%253D&a3=a&c%40=&a2=r%20b");
  for (auto& p : form_url_decode("c2&a3=2+q")) params.push_back(p);
  for (auto& p : parse_oauth_authorization_header(
           "OAuth realm=\"Example\", oauth_consumer_key=\"9djdj82h48djs9d2\", "
           "oauth_token=\"kkk9d7dh3k39sjv7\", oauth_signature_method=\"HMAC-SHA1\", "
           "oauth_timestamp=\"137131201\", oauth_nonce=\"7d8f3e4a\"")) {
    params.push_back(p);
  }
  EXPECT_EQ(oauth_parameter_string(params),
            "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&"
            "oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&"
            "oauth_token=kkk9d7dh3k39sjv7");
  EXPECT_EQ(oauth_signature_base_string(
                "POST", oauth_base_string_uri("http", "example.com", 80, "/request"), params),
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%"
            "3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_"
            "nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%"
            "26oauth_token%3Dkkk9d7dh3k39sjv7");
}

TEST(OAuth1Test, BaseStringUriNormalization) {
  EXPECT_EQ(oauth_base_string_uri("HTTP", "EXAMPLE.COM", 80, "/r%20v/X"),
            "http://example.com/r%20v/X");
  EXPECT_EQ(oauth_base_string_uri("https", "www.example.net", 8080, "/"),
            "https://www.example.net:8080/");
  EXPECT_EQ(oauth_base_string_uri("https", "stream.twitter.com", 443, "/1.1/x.json"),
            "https://stream.twitter.com/1.1/x.json");
}

TEST(OAuth1Test, NonceHasOnlyWordCharacters) {
  std::string bytes(32, '\xff');
  std::string nonce = oauth_nonce_from_bytes(bytes);
  EXPECT_FALSE(nonce.empty());
  for (char c : nonce) EXPECT_TRUE(isalnum(static_cast<unsigned char>(c))) << nonce;
}

TEST(OAuth1Test, FormEncodeRoundTrips) {
  std::vector<OAuthParam> p = {{"track", "a b,c+d"}, {"locations", "-130,-20,100,50"}};
  EXPECT_EQ(form_url_encode(p), "track=a%20b%2Cc%2Bd&locations=-130%2C-20%2C100%2C50");
  EXPECT_EQ(form_url_decode(form_url_encode(p)), p);
}

}  // namespace
}  // namespace firecount
