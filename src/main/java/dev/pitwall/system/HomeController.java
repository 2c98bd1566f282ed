package dev.pitwall.system;

import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The root page is the first page of the navigation, so it follows whichever modules are present. */
@Controller
class HomeController {

    private final String home;

    HomeController(List<NavigationEntry> navigation) {
        this.home = navigation.stream()
                .min(Comparator.comparingInt(NavigationEntry::order))
                .map(NavigationEntry::path)
                .orElse("/login");
    }

    @GetMapping("/")
    String home() {
        return "redirect:" + home;
    }
}
