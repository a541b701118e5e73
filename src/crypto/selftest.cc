// The self-test list: the vectors are the same as in testdata/ (each cites its source there and
// here), embedded so that the binary needs no data files.
#include "crypto/selftest.h"

#include <mutex>

#include "crypto/internal/kat.h"

namespace cv::crypto {
namespace {

using internal::AeadKat;
using internal::DigestKat;
using internal::MacKat;
using internal::SignatureKat;

// GB/T 32905-2016 Appendix A, example 1; FIPS 180-2 Appendix B.1.
constexpr DigestKat kDigestKats[] = {
    {"SM3 known answer (GB/T 32905 A.1)", Suite::kGm, "abc",
     "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"},
    {"SHA-256 known answer (FIPS 180-2 B.1)", Suite::kIntl, "abc",
     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
};

// RFC 8998 Appendix A.1; McGrew and Viega, "The Galois/Counter Mode of Operation", test case 16.
constexpr AeadKat kAeadKats[] = {
    {"SM4-GCM known answer (RFC 8998 A.1)", Suite::kGm, "0123456789ABCDEFFEDCBA9876543210",
     "00001234567800000000ABCD", "FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2",
     "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBBCCCCCCCCCCCCCCCCDDDDDDDDDDDDDDDD"
     "EEEEEEEEEEEEEEEEFFFFFFFFFFFFFFFFEEEEEEEEEEEEEEEEAAAAAAAAAAAAAAAA",
     "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
     "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D",
     "83DE3541E4C2B58177E065A9BF7B62EC"},
    {"AES-256-GCM known answer (GCM spec test case 16)", Suite::kIntl,
     "feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
     "feedfacedeadbeeffeedfacedeadbeefabaddad2",
     "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
     "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
     "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
     "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662",
     "76fc6ece0f4e1768cddf8853bb2d551b"},
};

// RFC 4231 section 4.2, test case 1.
constexpr MacKat kMacKats[] = {
    {"HMAC-SHA256 known answer (RFC 4231 4.2)", Suite::kIntl,
     "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
     "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
};

// GM/T 0003.5-2012 (= GB/T 32918.5-2017) Annex A, id 1234567812345678, message "message digest";
// RFC 6979 Appendix A.2.5, SHA-256, message "sample".
constexpr SignatureKat kSignatureKats[] = {
    {"SM2 verify known answer (GM/T 0003.5 Annex A)", Suite::kGm,
     "09F9DF311E5421A150DD7D161E4BC5C672179FAD1833FC076BB08FF356F35020",
     "CCEA490CE26775A52DC6EA718CC1AA600AED05FBF35E084A6632F6072DA9AD13", "message digest",
     "F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3",
     "B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA"},
    {"ECDSA P-256 verify known answer (RFC 6979 A.2.5)", Suite::kIntl,
     "60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6",
     "7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", "sample",
     "EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716",
     "F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8"},
};

}  // namespace

std::vector<SelfTestResult> RunSelfTests() {
  std::vector<SelfTestResult> results;
  for (const DigestKat& kat : kDigestKats) results.push_back(internal::RunDigestKat(kat));
  for (const AeadKat& kat : kAeadKats) results.push_back(internal::RunAeadKat(kat));
  for (const MacKat& kat : kMacKats) results.push_back(internal::RunMacKat(kat));
  // HMAC-SM3 has no published vector; two independent implementations must agree instead.
  results.push_back(internal::RunHmacSm3PairwiseTest("HMAC-SM3 pairwise (OpenSSL vs libgcrypt)"));
  for (const SignatureKat& kat : kSignatureKats) results.push_back(internal::RunSignatureKat(kat));
  results.push_back(
      internal::RunSigningPairwiseTest("SM2 sign/verify pairwise consistency", Suite::kGm));
  results.push_back(internal::RunSigningPairwiseTest("ECDSA P-256 sign/verify pairwise consistency",
                                                     Suite::kIntl));
  results.push_back(internal::RunRandomHealthTest("random generator health (two draws differ)"));
  return results;
}

Status PowerOnSelfTest() {
  static std::once_flag once;
  static Status outcome;
  std::call_once(once, [] { outcome = internal::SelfTestStatus(RunSelfTests()); });
  return outcome;
}

}  // namespace cv::crypto
