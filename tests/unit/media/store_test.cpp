#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "media/attachment_store.hpp"

namespace envgrid::media::test {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("envgrid_media_store_" + std::to_string(::getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<fs::path> files() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::recursive_directory_iterator(root_))
      if (e.is_regular_file()) out.push_back(fs::relative(e.path(), root_));
    return out;
  }

  fs::path root_;
};

TEST(Sha256, KnownVector) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(StoreTest, StoresUnderShaPrefixes) {
  AttachmentStore store(root_);
  const std::string sha = store.put("photo bytes");
  EXPECT_EQ(sha, sha256_hex("photo bytes"));
  EXPECT_EQ(store.path_of(sha), root_ / sha.substr(0, 2) / sha.substr(2, 2) / sha);
  EXPECT_TRUE(store.exists(sha));
  EXPECT_EQ(store.read(sha), "photo bytes");
  EXPECT_EQ(files(), std::vector<fs::path>{fs::path(sha.substr(0, 2)) / sha.substr(2, 2) / sha});  // no temp files left
}

TEST_F(StoreTest, PutIsIdempotent) {
  AttachmentStore store(root_);
  const std::string a = store.put("same");
  const auto written = fs::last_write_time(store.path_of(a));
  const std::string b = store.put("same");
  EXPECT_EQ(a, b);
  EXPECT_EQ(fs::last_write_time(store.path_of(a)), written);
  EXPECT_EQ(files().size(), 1u);
  EXPECT_NE(store.put("other"), a);
  EXPECT_EQ(files().size(), 2u);
}

TEST_F(StoreTest, EmptyAndBinaryContent) {
  AttachmentStore store(root_);
  const std::string bin("\0\xff\0\x01", 4);
  EXPECT_EQ(store.read(store.put(bin)), bin);
  EXPECT_EQ(store.read(store.put("")), "");
}

TEST_F(StoreTest, MissingIsNotAnError) {
  AttachmentStore store(root_);
  const std::string sha = sha256_hex("never stored");
  EXPECT_FALSE(store.exists(sha));
  EXPECT_FALSE(store.read(sha));
  EXPECT_FALSE(store.read_derived(sha, "thumb.jpg"));
}

TEST_F(StoreTest, BadShaIsRefused) {
  AttachmentStore store(root_);
  const std::string good = store.put("x");
  std::string upper = good;
  for (char& c : upper) c = static_cast<char>(std::toupper(c));
  for (const std::string& bad :
       {std::string("../../etc/passwd"), std::string(".."), std::string(""), good.substr(1), good + "0", upper,
        "../" + good.substr(3), good.substr(0, 63) + "/", good.substr(0, 63) + "g", std::string(64, '.')}) {
    EXPECT_FALSE(AttachmentStore::valid_sha(bad)) << bad;
    EXPECT_FALSE(store.exists(bad)) << bad;
    EXPECT_FALSE(store.read(bad)) << bad;
    EXPECT_THROW(store.path_of(bad), std::invalid_argument) << bad;
    EXPECT_THROW(store.put_derived(bad, "thumb.jpg", "t"), std::invalid_argument) << bad;
    EXPECT_FALSE(store.read_derived(bad, "thumb.jpg")) << bad;
  }
}

TEST_F(StoreTest, DerivedFilesSitBesideTheOriginal) {
  AttachmentStore store(root_);
  const std::string sha = store.put("original");
  store.put_derived(sha, "thumb.jpg", "small");
  EXPECT_EQ(store.derived_path_of(sha, "thumb.jpg"), fs::path(store.path_of(sha).string() + ".thumb.jpg"));
  EXPECT_EQ(store.read_derived(sha, "thumb.jpg"), "small");
  store.put_derived(sha, "thumb.jpg", "replaced");
  EXPECT_EQ(store.read_derived(sha, "thumb.jpg"), "replaced");
  EXPECT_EQ(store.read(sha), "original");
  for (std::string_view bad : {"", "../x", "..", ".hidden", "a/b", "THUMB.JPG", "x..y"}) {
    EXPECT_THROW(store.put_derived(sha, bad, "t"), std::invalid_argument) << bad;
    EXPECT_FALSE(store.read_derived(sha, bad)) << bad;
  }
  EXPECT_EQ(files().size(), 2u);
}

TEST_F(StoreTest, ConcurrentPutsOfTheSameBytes) {
  AttachmentStore store(root_);
  const std::string bytes(200'000, 'z');
  std::vector<std::string> shas(8);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&, i] { shas[i] = store.put(bytes); });
  for (auto& t : threads) t.join();
  for (const auto& s : shas) EXPECT_EQ(s, shas[0]);
  EXPECT_EQ(store.read(shas[0]), bytes);
  EXPECT_EQ(files().size(), 1u);
}

TEST_F(StoreTest, ReopensExistingRoot) {
  std::string sha;
  {
    AttachmentStore store(root_);
    sha = store.put("kept");
  }
  AttachmentStore again(root_);
  EXPECT_EQ(again.read(sha), "kept");
}

}  // namespace envgrid::media::test
