// LeakSanitizer: fontconfig (through pango, for captions) and x265 (HEIC encoding in the
// tests) keep process-lifetime caches that are never freed; they are not our leaks.
#if defined(__SANITIZE_ADDRESS__)
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig\nleak:libx265\n"; }
#endif
