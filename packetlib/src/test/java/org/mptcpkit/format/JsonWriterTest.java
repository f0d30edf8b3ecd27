package org.mptcpkit.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {
    @Test
    void nestsWithCommasAndEscapes() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject()
                .field("frame", 1)
                .name("options").beginArray()
                .beginObject().field("kind", 30).fieldUnsigned("key", -1L).endObject()
                .beginObject().field("name", "a\"b\\c\n\u0001").endObject()
                .endArray()
                .field("ok", true)
                .endObject();
        assertEquals("{\"frame\":1,\"options\":[{\"kind\":30,\"key\":18446744073709551615},"
                + "{\"name\":\"a\\\"b\\\\c\\n\\u0001\"}],\"ok\":true}", sb.toString());
    }

    @Test
    void emptyContainers() {
        StringBuilder sb = new StringBuilder();
        new JsonWriter(sb).beginObject().name("a").beginArray().endArray().name("b").beginObject().endObject()
                .endObject();
        assertEquals("{\"a\":[],\"b\":{}}", sb.toString());
    }
}
