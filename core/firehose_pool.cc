#include "core/firehose_pool.h"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace firecount::internal {
namespace {

constexpr JsonForm kForms[2] = {JsonForm::kRaw, JsonForm::kEscaped};

// Renders one JSON value in both forms at once: structure is shared, strings are escaped per form.
class DualJson {
 public:
  DualJson& raw(std::string_view s) {
    out_[0] += s;
    out_[1] += s;
    return *this;
  }
  DualJson& str(std::string_view utf8) {
    for (int f = 0; f < 2; ++f) {
      out_[f] += '"';
      append_json_string(out_[f], utf8, kForms[f]);
      out_[f] += '"';
    }
    return *this;
  }
  // A string's contents without the quotes.
  DualJson& body(std::string_view utf8) {
    for (int f = 0; f < 2; ++f) append_json_string(out_[f], utf8, kForms[f]);
    return *this;
  }
  DualJson& str_or_null(std::string_view utf8) { return utf8.empty() ? raw("null") : str(utf8); }
  DualJson& num(uint64_t v) { return raw(std::to_string(v)); }
  DualJson& boolean(bool b) { return raw(b ? "true" : "false"); }
  // `,"key":` (or `"key":` for the first member).
  DualJson& key(std::string_view k, bool first = false) {
    if (!first) raw(",");
    return raw("\"").raw(k).raw("\":");
  }
  const std::string& form(int f) const { return out_[f]; }

 private:
  std::string out_[2];
};

struct PlaceSeed {
  std::string_view id, type, name, full_name, country_code, country;
  double lon, lat;
};

constexpr PlaceSeed kPlaces[] = {
    {"01a9a39529b27f36", "city", "Manhattan", "Manhattan, NY", "US", "United States", -73.97,
     40.78},
    {"68e019afec7d0ba5", "city", "São Paulo", "São Paulo, Brasil", "BR", "Brasil", -46.63, -23.55},
    {"1d9a5370a355ab0c", "city", "渋谷区", "東京 渋谷区", "JP", "日本", 139.70, 35.66},
    {"09f6a7707f18e0b1", "city", "Paris", "Paris, France", "FR", "France", 2.35, 48.86},
    {"8a4b2e6a2b0a0c3f", "city", "서울", "서울특별시, 대한민국", "KR", "대한민국", 126.98, 37.57},
    {"4ec01c9dbc693497", "admin", "Florida", "Florida, USA", "US", "United States", -81.5, 27.8},
    {"00e2a2a26a3c7c5b", "city", "Ciudad de México", "Ciudad de México, México", "MX", "México",
     -99.13, 19.43},
    {"315b740b108481f6", "city", "London", "London, England", "GB", "United Kingdom", -0.13, 51.5},
};

constexpr std::string_view kSources[][2] = {
    {"http://twitter.com/download/iphone", "Twitter for iPhone"},
    {"http://twitter.com/download/android", "Twitter for Android"},
    {"https://mobile.twitter.com", "Twitter Web App"},
    {"https://about.twitter.com/products/tweetdeck", "TweetDeck"},
    {"http://twitter.com/#!/download/ipad", "Twitter for iPad"},
    {"https://ifttt.com", "IFTTT"},
};

constexpr std::string_view kColors[] = {"C0DEED", "1DA1F2", "000000", "F5F8FA", "FF691F",
                                        "ABB8C2", "DDEEF6", "333333", "E81C4F", "7FDBB6"};
constexpr std::string_view kUserLangs[] = {"en", "ja", "es", "pt", "ko", "fr", "ar", "en-gb"};
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string base62(Rng& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += kBase62[rng.below(kBase62.size())];
  return s;
}

std::string date_of(int64_t unix_seconds) {
  char buf[kTwitterDateSize];
  format_twitter_date(unix_seconds, buf);
  return std::string(buf, kTwitterDateSize);
}

}  // namespace

class FirehosePool::Builder {
 public:
  Builder(FirehosePool& pool, const FirehosePoolConfig& config)
      : pool_(pool), rng_(config.seed), zipf_(config.vocabulary_size, config.zipf_exponent) {}

  PooledPiece store(const DualJson& json) {
    PooledPiece piece;
    for (int f = 0; f < 2; ++f) {
      piece.offset[f] = static_cast<uint32_t>(pool_.arena_.size());
      piece.size[f] = static_cast<uint32_t>(json.form(f).size());
      pool_.arena_ += json.form(f);
    }
    return piece;
  }

  std::string_view word() { return pool_.vocabulary_[zipf_.sample(rng_)]; }

  // Words from the vocabulary, joined by single spaces.
  std::string words(size_t n) {
    std::string text;
    for (size_t i = 0; i < n; ++i) {
      if (i) text += ' ';
      text += word();
    }
    return text;
  }

  PooledPiece fragment() {
    const std::string text = words(rng_.between(3, 8));
    DualJson json;
    json.body(text);
    PooledPiece piece = store(json);
    piece.code_points = static_cast<uint32_t>(code_point_count(text));
    return piece;
  }

  std::string display_name() {
    switch (rng_.below(5)) {
      case 0:
        return std::string(word()) + " " + std::string(word());
      case 1:
        return words(1) + " " + words(1) + " 🌸";
      case 2:
        return std::string(word());
      case 3:
        return "✨" + std::string(word()) + "✨";
      default:
        return words(rng_.between(1, 3));
    }
  }

  PooledUser user() {
    PooledUser user;
    const uint64_t id = rng_.chance(600)
                            ? rng_.between(10000000, 4000000000ULL)
                            : rng_.between(700000000000000000ULL, 1050000000000000000ULL);
    user.id = std::to_string(id);
    user.screen_name = base62(rng_, rng_.between(5, 12)).insert(0, 1, 'u');
    const std::string avatar = base62(rng_, 8);
    const std::string_view bg = kColors[rng_.below(std::size(kColors))];
    DualJson j;
    j.raw("{").key("id", true).num(id).key("id_str").str(user.id);
    j.key("name").str(display_name()).key("screen_name").str(user.screen_name);
    j.key("location").str_or_null(rng_.chance(400) ? "" : words(rng_.between(1, 3)));
    const bool has_url = rng_.chance(400);
    const std::string url = "https://t.co/" + base62(rng_, 10);
    if (has_url) {
      j.key("url").str(url);
    } else {
      j.key("url").raw("null");
    }
    j.key("description").str_or_null(rng_.chance(100) ? "" : words(rng_.between(6, 22)));
    j.key("translator_type").str(rng_.chance(50) ? "regular" : "none");
    j.key("entities").raw("{");
    if (has_url) {
      const std::string site = std::string(word()) + ".example.org";
      j.key("url", true).raw("{").key("urls", true).raw("[{").key("url", true).str(url);
      j.key("expanded_url").str("https://" + site + "/").key("display_url").str(site);
      j.key("indices").raw("[0,23]}]}").key("description");
    } else {
      j.key("description", true);
    }
    j.raw("{").key("urls", true).raw("[]}}");
    j.key("protected").boolean(false).key("verified").boolean(rng_.chance(20));
    j.key("followers_count").num(rng_.below(1 + rng_.below(200000)));
    j.key("friends_count").num(rng_.below(5000)).key("listed_count").num(rng_.below(300));
    j.key("favourites_count").num(rng_.below(100000));
    j.key("statuses_count").num(rng_.below(300000));
    j.key("created_at").str(date_of(static_cast<int64_t>(rng_.between(1170000000, 1538000000))));
    j.key("utc_offset").raw("null").key("time_zone").raw("null");
    j.key("geo_enabled").boolean(rng_.chance(300));
    j.key("lang").str(kUserLangs[rng_.below(std::size(kUserLangs))]);
    j.key("contributors_enabled").boolean(false).key("is_translator").boolean(false);
    j.key("is_translation_enabled")
        .boolean(false)
        .key("has_extended_profile")
        .boolean(rng_.chance(300));
    j.key("profile_background_color").str(bg);
    j.key("profile_background_image_url").str("http://abs.twimg.com/images/themes/theme1/bg.png");
    j.key("profile_background_image_url_https")
        .str("https://abs.twimg.com/images/themes/theme1/bg.png");
    j.key("profile_background_tile").boolean(rng_.chance(100));
    j.key("profile_link_color").str(kColors[rng_.below(std::size(kColors))]);
    j.key("profile_sidebar_border_color").str(kColors[rng_.below(std::size(kColors))]);
    j.key("profile_sidebar_fill_color").str(kColors[rng_.below(std::size(kColors))]);
    j.key("profile_text_color").str("333333").key("profile_use_background_image").boolean(true);
    const std::string image = "://pbs.twimg.com/profile_images/" + std::to_string(id / 3 + 17) +
                              "/" + avatar + "_normal.jpg";
    j.key("profile_image_url")
        .str("http" + image)
        .key("profile_image_url_https")
        .str("https" + image);
    if (rng_.chance(600)) {
      j.key("profile_banner_url")
          .str("https://pbs.twimg.com/profile_banners/" + user.id + "/" +
               std::to_string(rng_.between(1300000000, 1538000000)));
    }
    j.key("default_profile").boolean(bg == "C0DEED").key("default_profile_image").boolean(false);
    j.key("following").raw("null").key("follow_request_sent").raw("null");
    j.key("notifications").raw("null").raw("}");
    user.json = store(j);
    return user;
  }

  PooledPiece entities(bool with_media) {
    const auto indices = [&](DualJson& j) {
      const uint64_t a = rng_.below(120);
      j.key("indices").raw("[").num(a).raw(",").num(a + rng_.between(4, 23)).raw("]");
    };
    DualJson j;
    j.raw("{").key("hashtags", true).raw("[");
    for (uint64_t i = 0, n = rng_.below(1000) < 600 ? 0 : rng_.between(1, 3); i < n; ++i) {
      if (i) j.raw(",");
      std::string tag = std::string(word());
      if (tag[0] == '#') tag.erase(0, 1);
      j.raw("{").key("text", true).str(tag);
      indices(j);
      j.raw("}");
    }
    j.raw("]").key("urls").raw("[");
    for (uint64_t i = 0, n = rng_.below(1000) < 550 ? 0 : rng_.between(1, 2); i < n; ++i) {
      const std::string path = std::string(word()) + "/" + base62(rng_, 6);
      if (i) j.raw(",");
      j.raw("{").key("url", true).str("https://t.co/" + base62(rng_, 10));
      j.key("expanded_url").str("https://www.example.com/" + path);
      size_t cut = std::min<size_t>(8, path.size());
      while (cut < path.size() && (static_cast<unsigned char>(path[cut]) & 0xC0) == 0x80) ++cut;
      j.key("display_url").str("example.com/" + path.substr(0, cut) + "…");
      indices(j);
      j.raw("}");
    }
    j.raw("]").key("user_mentions").raw("[");
    for (uint64_t i = 0, n = rng_.below(1000) < 450 ? 0 : rng_.between(1, 3); i < n; ++i) {
      const PooledUser& u = pool_.users_[rng_.below(pool_.users_.size())];
      if (i) j.raw(",");
      j.raw("{").key("screen_name", true).str(u.screen_name).key("name").str(display_name());
      j.key("id").raw(u.id).key("id_str").str(u.id);
      indices(j);
      j.raw("}");
    }
    j.raw("]").key("symbols").raw("[]");
    if (with_media) {
      const std::string media_id =
          std::to_string(rng_.between(1000000000000000000ULL, 1050000000000000000ULL));
      const std::string file = base62(rng_, 15);
      const std::string tco = base62(rng_, 10);
      j.key("media").raw("[{").key("id", true).raw(media_id).key("id_str").str(media_id);
      indices(j);
      j.key("media_url").str("http://pbs.twimg.com/media/" + file + ".jpg");
      j.key("media_url_https").str("https://pbs.twimg.com/media/" + file + ".jpg");
      j.key("url").str("https://t.co/" + tco).key("display_url").str("pic.twitter.com/" + tco);
      j.key("expanded_url")
          .str("https://twitter.com/" + pool_.users_[rng_.below(pool_.users_.size())].screen_name +
               "/status/" + media_id + "/photo/1");
      j.key("type").str("photo").key("sizes").raw("{");
      j.key("thumb", true).raw(R"({"w":150,"h":150,"resize":"crop"})");
      j.key("medium").raw(R"({"w":1200,"h":675,"resize":"fit"})");
      j.key("small").raw(R"({"w":680,"h":383,"resize":"fit"})");
      j.key("large").raw(R"({"w":1280,"h":720,"resize":"fit"})").raw("}}]");
    }
    j.raw("}");
    return store(j);
  }

  PooledPiece place(const PlaceSeed& p) {
    char box[256];
    std::snprintf(box, sizeof box, "[[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]]",
                  p.lon - 0.1, p.lat - 0.1, p.lon - 0.1, p.lat + 0.1, p.lon + 0.1, p.lat + 0.1,
                  p.lon + 0.1, p.lat - 0.1);
    DualJson j;
    j.raw("{").key("id", true).str(p.id);
    j.key("url").str("https://api.twitter.com/1.1/geo/id/" + std::string(p.id) + ".json");
    j.key("place_type").str(p.type).key("name").str(p.name).key("full_name").str(p.full_name);
    j.key("country_code").str(p.country_code).key("country").str(p.country);
    j.key("bounding_box").raw("{").key("type", true).str("Polygon");
    j.key("coordinates").raw(box).raw("}").key("attributes").raw("{}").raw("}");
    return store(j);
  }

  PooledPiece source(std::string_view url, std::string_view name) {
    DualJson j;
    j.str("<a href=\"" + std::string(url) + "\" rel=\"nofollow\">" + std::string(name) + "</a>");
    return store(j);
  }

 private:
  FirehosePool& pool_;
  Rng rng_;
  ZipfSampler zipf_;
};

FirehosePool::FirehosePool(const FirehosePoolConfig& config) {
  // The vocabulary is the language: the same for every seed. Seeds change what is said.
  vocabulary_ = make_vocabulary(config.vocabulary_size, 0x766f6361620aULL);
  Builder b(*this, config);
  arena_.reserve(config.fragments * 160 + config.users * 2600 + config.entity_blocks * 1500);
  fragments_.reserve(config.fragments);
  for (size_t i = 0; i < config.fragments; ++i) fragments_.push_back(b.fragment());
  users_.reserve(config.users);
  for (size_t i = 0; i < config.users; ++i) users_.push_back(b.user());
  entities_.reserve(config.entity_blocks);
  for (size_t i = 0; i < config.entity_blocks; ++i) {
    const bool with_media = i % 4 == 0;
    if (with_media) media_entities_.push_back(static_cast<uint32_t>(i));
    entities_.push_back(b.entities(with_media));
  }
  for (const PlaceSeed& p : kPlaces) places_.push_back(b.place(p));
  for (const auto& s : kSources) sources_.push_back(b.source(s[0], s[1]));

  const auto largest = [](const std::vector<PooledPiece>& pieces) {
    size_t m = 0;
    for (const PooledPiece& p : pieces) m = std::max({m, size_t{p.size[0]}, size_t{p.size[1]}});
    return m;
  };
  max_fragment_ = largest(fragments_);
  max_entities_ = largest(entities_);
  max_place_ = largest(places_);
  max_source_ = largest(sources_);
  for (const PooledUser& u : users_) {
    max_user_ = std::max({max_user_, size_t{u.json.size[0]}, size_t{u.json.size[1]}});
  }
  for (size_t i = 0; i < entities_.size(); ++i) {
    if (entities_[i].size[1] < entities_[smallest_entities_].size[1]) smallest_entities_ = i;
  }
}

}  // namespace firecount::internal
